package dev.lanyard.labarchives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Request signing against LabArchives' test vector and values computed elsewhere. */
class SignaturesTest {

  @Test
  void signature_documentedTestVector() {
    assertThat(
            Signatures.signature(
                "0234wedkfjrtfd34er", "user_access_info", 1264809600000L, "1234567890"))
        .isEqualTo(
            "x2urCdVKopKaHyPiuJvBqR9KNK4/cll46GlHJJ44U3YxXP6/s57xLS4R2aQuNl3yVZ6g0+/pbLaXbj97e+DQSQ==");
  }

  /**
   * Computed independently with Python's {@code hmac}, {@code hashlib.sha512}, {@code
   * base64.b64encode} and {@code urllib.parse.quote_plus} (what LabArchives' Python clients do).
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "akid-7|notebook_info|1700000000000|s3cret"
            + "|FYgfSAfJKyAlHRY/3o+mMawrzQ7C6TuwV8WEpbKDJdtAE6O7yx+9lZbmOxhspvMswqiMs8Z+6ICBUEDAXZwIaw=="
            + "|FYgfSAfJKyAlHRY%2F3o%2BmMawrzQ7C6TuwV8WEpbKDJdtAE6O7yx%2B9lZbmOxhspvMswqiMs8Z%2B6ICBUEDAXZwIaw%3D%3D",
        "AK ÿ&=?|http://127.0.0.1:8089/cb/x?y=1|1700000000123|pässwörd+/="
            + "|6ve7pxvYU3IliSssDS4BI/NMUvVXNH7i08S/Od6G0kKUgQczebIA88ms09pYo4+1ryhRQ//4B4Mc9b3GRc0rEg=="
            + "|6ve7pxvYU3IliSssDS4BI%2FNMUvVXNH7i08S%2FOd6G0kKUgQczebIA88ms09pYo4%2B1ryhRQ%2F%2F4B4Mc9b3GRc0rEg%3D%3D",
        "x|entry_attachment|1|p"
            + "|+9StkD33bfnZae9cHkW+dXjQBOOoYpT0U9xbzhTCPMVl0mC6UY1xYcKQUAJdV2tUG4dhv4NnMvznWfjkF1hf+g=="
            + "|%2B9StkD33bfnZae9cHkW%2BdXjQBOOoYpT0U9xbzhTCPMVl0mC6UY1xYcKQUAJdV2tUG4dhv4NnMvznWfjkF1hf%2Bg%3D%3D",
      })
  void signature_matchesAnIndependentComputation_andIsUrlEncodedInTheQuery(
      String akid, String method, long expires, String password, String sig, String encoded) {
    assertThat(Signatures.signature(akid, method, expires, password)).isEqualTo(sig);

    URI signed =
        Signatures.signed(
            URI.create("https://api.example.org/api/a/" + "m"), akid, method, expires, password);
    assertThat(signed.getRawQuery()).endsWith("&expires=" + expires + "&sig=" + encoded);
    assertThat(FakeLabArchivesServer.queryOf(signed))
        .containsEntry("akid", akid)
        .containsEntry("sig", sig);
  }

  @Test
  void sign_methodIsTheLastPathSegment_queryGetsAkidExpiresSig() throws Exception {
    LabArchives la =
        LabArchives.builder()
            .accessKeyId("0234wedkfjrtfd34er")
            .accessPassword("1234567890")
            .environment(Map.of())
            .noDotEnv()
            .clock(InstantSource.fixed(Instant.ofEpochMilli(1264809540000L)))
            .build();

    URI signed =
        la.sign(
            URI.create(
                "https://api.labarchives.com/api/users/user_access_info?login_or_email=a%40b.org"));

    assertThat(signed.toString())
        .isEqualTo(
            "https://api.labarchives.com/api/users/user_access_info?login_or_email=a%40b.org"
                + "&akid=0234wedkfjrtfd34er&expires=1264809600000"
                + "&sig=x2urCdVKopKaHyPiuJvBqR9KNK4%2Fcll46GlHJJ44U3YxXP6%2Fs57xLS4R2aQuNl3yVZ6g0%2B%2FpbLaXbj97e%2BDQSQ%3D%3D");
  }

  @Test
  void loginUrl_signedForTheRedirectUri_goodForFiveMinutes() throws Exception {
    LabArchives la =
        LabArchives.builder()
            .accessKeyId("akid")
            .accessPassword("pw")
            .environment(Map.of())
            .noDotEnv()
            .clock(InstantSource.fixed(Instant.ofEpochMilli(1_000)))
            .build();
    String redirect = "http://127.0.0.1:8089/callback/abc";

    URI url = la.loginUrl(URI.create(redirect));

    assertThat(url.toString())
        .startsWith(
            "https://api.labarchives.com/api_user_login?akid=akid&expires=301000&redirect_uri="
                + "http%3A%2F%2F127.0.0.1%3A8089%2Fcallback%2Fabc&sig=");
    assertThat(FakeLabArchivesServer.queryOf(url))
        .containsEntry("sig", Signatures.signature("akid", redirect, 301_000, "pw"));
  }

  @Test
  void sign_alreadySignedOrOtherServerOrNoMethod_refused() throws Exception {
    LabArchives la =
        LabArchives.builder()
            .accessKeyId("a")
            .accessPassword("p")
            .environment(Map.of())
            .noDotEnv()
            .build();

    assertThatThrownBy(() -> la.sign(URI.create("https://api.labarchives.com/api/a/b?sig=x")))
        .hasMessage("the call already has a sig parameter; sign an unsigned URI once");
    assertThatThrownBy(() -> la.sign(URI.create("https://evil.example.org/api/a/b")))
        .hasMessage(
            "not a call to the LabArchives API at https://api.labarchives.com: evil.example.org");
    assertThatThrownBy(() -> la.sign(URI.create("https://api.labarchives.com/api/users/")))
        .hasMessageStartingWith("cannot sign a LabArchives call without a method");
  }
}
