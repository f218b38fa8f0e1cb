package dev.lanyard.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The token folder, resolved as the command line resolves it. */
class StateFolderTest {
  private static final Path HOME = Path.of("/home/ada");

  private static Path tokens(Map<String, String> env, String os) {
    return StateFolder.tokens(env::get, os, HOME);
  }

  @Test
  void lanyardHome_winsEverywhere() {
    assertThat(tokens(Map.of("LANYARD_HOME", "/srv/lanyard", "XDG_STATE_HOME", "/x"), "Linux"))
        .isEqualTo(Path.of("/srv/lanyard/tokens"));
    assertThat(tokens(Map.of("LANYARD_HOME", "/srv/lanyard"), "Mac OS X"))
        .isEqualTo(Path.of("/srv/lanyard/tokens"));
  }

  @Test
  void lanyardHome_relative_refused() {
    assertThatThrownBy(() -> tokens(Map.of("LANYARD_HOME", "lanyard"), "Linux"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "LANYARD_HOME must be an absolute path, was 'lanyard'; a relative one would depend on"
                + " the working directory");
  }

  @Test
  void linux_xdgStateHome_elseLocalState_relativeXdgIgnored() {
    assertThat(tokens(Map.of("XDG_STATE_HOME", "/var/state"), "Linux"))
        .isEqualTo(Path.of("/var/state/lanyard/tokens"));
    assertThat(tokens(Map.of(), "Linux")).isEqualTo(HOME.resolve(".local/state/lanyard/tokens"));
    assertThat(tokens(Map.of("XDG_STATE_HOME", "state"), "FreeBSD"))
        .isEqualTo(HOME.resolve(".local/state/lanyard/tokens"));
  }

  @Test
  void macAndWindows_applicationFolders() {
    assertThat(tokens(Map.of(), "Mac OS X"))
        .isEqualTo(HOME.resolve("Library/Application Support/lanyard/tokens"));
    assertThat(tokens(Map.of("APPDATA", "/c/Users/ada/AppData/Roaming"), "Windows 11"))
        .isEqualTo(Path.of("/c/Users/ada/AppData/Roaming/lanyard/tokens"));
    assertThat(tokens(Map.of(), "Windows 11"))
        .isEqualTo(HOME.resolve("AppData/Roaming/lanyard/tokens"));
  }
}
