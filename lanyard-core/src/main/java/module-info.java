import org.jspecify.annotations.NullMarked;

/**
 * Lanyard: signs people and programs in to web APIs and keeps them signed in.
 *
 * <p>Runtime dependencies are the JDK, nimbus-jose-jwt (JOSE, and its bundled JSON parser) and
 * slf4j-api.
 */
@NullMarked
module dev.lanyard {
  // Nullness annotations: compile time only, for us and for users whose tools read them.
  requires static org.jspecify;
  requires transitive java.net.http;
  requires com.nimbusds.jose.jwt;
  requires org.slf4j;

  exports dev.lanyard;
  exports dev.lanyard.client;
  exports dev.lanyard.grant;
  exports dev.lanyard.http;
  exports dev.lanyard.transport;
  exports dev.lanyard.provider;
  exports dev.lanyard.session;
  exports dev.lanyard.store;
  exports dev.lanyard.verify;
  exports dev.lanyard.login;
  exports dev.lanyard.launch;
  exports dev.lanyard.internal.http to
      dev.lanyard.cli,
      dev.lanyard.labarchives;
  exports dev.lanyard.internal.env to
      dev.lanyard.cli,
      dev.lanyard.labarchives,
      dev.lanyard.profiles;
  exports dev.lanyard.internal.text to
      dev.lanyard.cli,
      dev.lanyard.labarchives,
      dev.lanyard.profiles;
  exports dev.lanyard.internal.files to
      dev.lanyard.cli,
      dev.lanyard.keychain,
      dev.lanyard.profiles;
  exports dev.lanyard.internal.store to
      dev.lanyard.keychain,
      dev.lanyard.redis;
  // The provider plug-in SPI, internal until a second plug-in proves it (docs/decisions/0012).
  exports dev.lanyard.internal.provider to
      dev.lanyard.cli,
      dev.lanyard.labarchives;
}
