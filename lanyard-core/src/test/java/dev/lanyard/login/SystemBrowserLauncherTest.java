package dev.lanyard.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemBrowserLauncherTest {
  private static final URI URL = URI.create("https://id.example.org/auth?a=1&b=2");

  @Test
  void headless_linuxWithoutDisplay() {
    assertThat(SystemBrowserLauncher.headless(Map.of(), "Linux")).isTrue();
    assertThat(SystemBrowserLauncher.headless(Map.of("DISPLAY", ":0"), "Linux")).isFalse();
    assertThat(SystemBrowserLauncher.headless(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux"))
        .isFalse();
    assertThat(SystemBrowserLauncher.headless(Map.of("DISPLAY", " "), "FreeBSD")).isTrue();
  }

  @Test
  void headless_macAndWindowsAlwaysHaveADisplay() {
    assertThat(SystemBrowserLauncher.headless(Map.of(), "Mac OS X")).isFalse();
    assertThat(SystemBrowserLauncher.headless(Map.of(), "Windows 11")).isFalse();
  }

  @Test
  void command_perPlatform_urlOneArgument() {
    assertThat(SystemBrowserLauncher.command("Linux", URL))
        .containsExactly("xdg-open", URL.toString());
    assertThat(SystemBrowserLauncher.command("Mac OS X", URL))
        .containsExactly("open", URL.toString());
    assertThat(SystemBrowserLauncher.command("Windows 10", URL))
        .containsExactly("rundll32", "url.dll,FileProtocolHandler", URL.toString());
  }

  @Test
  void system_isTheSharedLauncher() {
    assertThat(BrowserLauncher.system()).isSameAs(SystemBrowserLauncher.INSTANCE);
    assertThat(BrowserLauncher.system().toString()).isEqualTo("BrowserLauncher.system()");
  }
}
