/**
 * LabArchives signed API requests and callback sign-in, on Lanyard's provider plug-in point.
 *
 * <p>Needs the JDK's XML parser ({@code java.xml}) and Lanyard's core, nothing else.
 */
module dev.lanyard.labarchives {
  requires transitive dev.lanyard;
  requires java.xml;

  exports dev.lanyard.labarchives;

  provides dev.lanyard.login.provider.CallbackProviderFactory with
      dev.lanyard.labarchives.LabArchivesProviderFactory;
}
