package org.mmskit.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/mm7|/mm7/vasp/pw|true|vasp|pw|/mm7",
        "/mm7|/mm7/vasp/pw/|true|vasp|pw|/mm7/",
        "/mm7|/mm7/vasp/pw/deliver|true|vasp|pw|/mm7/deliver",
        "/mm7|/mm7/v%20a/p%2Fw|true|v a|p/w|/mm7",
        "/mm7|/mm7/vasp/|true|vasp||/mm7",
        "/|/vasp/pw|true|vasp|pw|/",
        "/eaif|/eaif/acct=pass|false|acct|pass|/eaif",
        "/eaif|/eaif/acct=pa=ss/x|false|acct|pa=ss|/eaif/x",
        "/eaif|/eaif/acct%3D=p|false|acct=|p|/eaif",
      })
  void parsesPathCredentials(
      String prefix, String path, boolean segments, String name, String password, String clean) {
    String[] r = Dispatcher.Credentials.parsePath(prefix, path, segments);
    assertThat(r).containsExactly(name, password == null ? "" : password, clean);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/mm7|/mm7|true",
        "/mm7|/mm7/|true",
        "/mm7|/mm7/vasp|true",
        "/mm7|//pw|true",
        "/mm7|/mm7/%zz/pw|true",
        "/mm7|/mm7/%C3/pw|true",
        "/eaif|/eaif/acct|false",
        "/eaif|/eaif/=pw|false",
        "/eaif|/eaif|false",
      })
  void refusesIncompletePathCredentials(String prefix, String path, boolean segments) {
    assertThat(Dispatcher.Credentials.parsePath(prefix, path, segments)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"vasp|secret", "v|p:with:colons", "name|", "us\u00e9r|p\u00e4ss"})
  void parsesBasic(String name, String password) {
    String pw = password == null ? "" : password;
    String header =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((name + ":" + pw).getBytes(StandardCharsets.UTF_8));
    assertThat(Dispatcher.Credentials.parseBasic(header)).containsExactly(name, pw);
    assertThat(Dispatcher.Credentials.parseBasic(header.replace("Basic", "basic")))
        .containsExactly(name, pw);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Basic",
        "Basic ",
        "Bearer abc",
        "Basic !!!",
        "Basic Om5vbmFtZQ==",
        "Basic bm9jb2xvbg=="
      })
  void refusesBadBasic(String header) {
    // "Om5vbmFtZQ==" is ":noname", "bm9jb2xvbg==" is "nocolon"
    assertThat(Dispatcher.Credentials.parseBasic(header)).isNull();
  }
}
