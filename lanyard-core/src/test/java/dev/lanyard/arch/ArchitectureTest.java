package dev.lanyard.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of lanyard-core (docs/decisions/0013-core-layers.md), checked on the compiled main
 * classes: no package cycle, and each layer uses only the layers below it.
 *
 * <pre>
 *   launch            URL tokens from portals
 *   login             people: browser, device, web, provider plug-ins
 *   http              API calls with a session; the request-authorization SPI
 *   session           one valid token per identity
 *   store             where tokens live between runs
 *   verify            JWTs and ID tokens
 *   provider, client, grant   what is asked of which provider, by whom
 *   transport         how Lanyard talks to providers
 *   dev.lanyard       errors, TokenSet, Scope
 * </pre>
 */
class ArchitectureTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.lanyard");
    assertThat(core.containPackage("dev.lanyard.session")).as("main classes imported").isTrue();
  }

  @Test
  void packages_haveNoCycles() {
    ArchRule rule = slices().matching("dev.lanyard.(**)").should().beFreeOfCycles();
    rule.check(core);
  }

  @Test
  void layers_dependOnlyDownwards() {
    ArchRule rule =
        layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("base")
            .definedBy("dev.lanyard")
            .layer("transport")
            .definedBy("dev.lanyard.transport..")
            .layer("protocol")
            .definedBy("dev.lanyard.provider..", "dev.lanyard.client..", "dev.lanyard.grant..")
            .layer("verify")
            .definedBy("dev.lanyard.verify..")
            .layer("store")
            .definedBy("dev.lanyard.store..")
            .layer("session")
            .definedBy("dev.lanyard.session..")
            .layer("http")
            .definedBy("dev.lanyard.http..")
            .layer("login")
            .definedBy("dev.lanyard.login..")
            .layer("launch")
            .definedBy("dev.lanyard.launch..")
            .whereLayer("launch")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("login")
            .mayOnlyBeAccessedByLayers("launch")
            .whereLayer("http")
            .mayOnlyBeAccessedByLayers("login", "launch")
            .whereLayer("session")
            .mayOnlyBeAccessedByLayers("http", "login", "launch")
            .whereLayer("store")
            .mayOnlyBeAccessedByLayers("session", "http", "login", "launch")
            .whereLayer("verify")
            .mayOnlyBeAccessedByLayers("session", "http", "login", "launch")
            .whereLayer("protocol")
            .mayOnlyBeAccessedByLayers("verify", "store", "session", "http", "login", "launch")
            .whereLayer("transport")
            .mayOnlyBeAccessedByLayers(
                "protocol", "verify", "store", "session", "http", "login", "launch");
    rule.check(core);
  }

  @Test
  void base_dependsOnNoOtherPackage() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.lanyard")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.lanyard.(**)")
            .allowEmptyShould(true);
    rule.check(core);
  }

  @Test
  void internals_serveNoUpperLayerBackwards() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(
                "dev.lanyard.transport..",
                "dev.lanyard.provider..",
                "dev.lanyard.client..",
                "dev.lanyard.grant..",
                "dev.lanyard.internal.http..",
                "dev.lanyard.internal.time..",
                "dev.lanyard.internal.files..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.lanyard.session..",
                "dev.lanyard.http..",
                "dev.lanyard.login..",
                "dev.lanyard.launch..");
    rule.check(core);
  }
}
