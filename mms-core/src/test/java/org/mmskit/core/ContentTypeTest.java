package org.mmskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentTypeTest {

  @Test
  void parsesParametersQuotedOrNot() {
    ContentType t =
        ContentType.parse(
            "Multipart/Related; type=\"application/smil\"; start=<smil>;charset=UTF-8; ; name=\"a \\\"b\\\".txt\"");
    assertThat(t.mediaType()).isEqualTo("multipart/related");
    assertThat(t.parameters())
        .containsExactly(
            Map.entry("type", "application/smil"),
            Map.entry("start", "<smil>"),
            Map.entry("charset", "UTF-8"),
            Map.entry("name", "a \"b\".txt"));
    assertThat(t.charset()).contains("UTF-8");
    assertThat(t.isMultipart()).isTrue();
  }

  @Test
  void formatsWithQuotesOnlyWhereNeeded() {
    ContentType t =
        ContentType.of("text/plain")
            .withParameter("charset", "utf-8")
            .withParameter("name", "my file.txt");
    assertThat(t.toString()).isEqualTo("text/plain; charset=utf-8; name=\"my file.txt\"");
    assertThat(ContentType.parse(t.toString())).isEqualTo(t);
  }

  @Test
  void withoutParameterRemovesOnlyThatOne() {
    ContentType t = ContentType.parse("image/jpeg; name=a.jpg; x=1");
    assertThat(t.withoutParameter("NAME").parameters()).containsExactly(Map.entry("x", "1"));
    assertThat(t.withoutParameter("absent")).isSameAs(t);
  }
}
