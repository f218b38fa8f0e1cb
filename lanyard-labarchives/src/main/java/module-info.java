/**
 * LabArchives signed API requests and callback sign-in, on Lanyard's provider plug-in point.
 *
 * <p>Needs the JDK's XML parser ({@code java.xml}) and Lanyard's core, nothing else. The plug-in
 * adapter ({@code dev.lanyard.labarchives.plugin}) implements core's internal provider SPI and is
 * registered as a service, not exported: users call {@code dev.lanyard.labarchives} only.
 */
module dev.lanyard.labarchives {
  requires transitive dev.lanyard;
  requires java.xml;

  exports dev.lanyard.labarchives;

  provides dev.lanyard.internal.provider.CallbackProviderFactory with
      dev.lanyard.labarchives.plugin.LabArchivesProviderFactory;
}
