package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing, checking and matching of CORS rules, without a server. */
class CorsRulesTest {
  private static CorsRules parse(String rules) throws Exception {
    return CorsRules.parse(("<CORSConfiguration xmlns=\"" + XmlDocument.NAMESPACE + "\">" + rules
        + "</CORSConfiguration>").getBytes(StandardCharsets.UTF_8));
  }

  private static String code(Throwable e) {
    return ((S3Exception) e).code().name();
  }

  @Test
  void matches_oneWildcard_anywhereInThePattern() {
    assertThat(CorsRule.matches("*suffix", "foo.suffix")).isTrue();
    assertThat(CorsRule.matches("*suffix", "foo.suffix.get")).isFalse();
    assertThat(CorsRule.matches("start*end", "startend")).isTrue();
    assertThat(CorsRule.matches("start*end", "start12end")).isTrue();
    assertThat(CorsRule.matches("start*end", "0start12end")).isFalse();
    assertThat(CorsRule.matches("prefix*", "prefix")).isTrue();
    assertThat(CorsRule.matches("prefix*", "bla.prefix")).isFalse();
    assertThat(CorsRule.matches("a*a", "a")).isFalse();
    assertThat(CorsRule.matches("*", "")).isTrue();
    assertThat(CorsRule.matches("http://a", "http://a")).isTrue();
    assertThat(CorsRule.matches("http://a", "http://ab")).isFalse();
  }

  @Test
  void firstMatch_rulesInOrder_headersCaseInsensitive() throws Exception {
    CorsRules rules = parse("<CORSRule><ID>one</ID><AllowedOrigin>*.example.com</AllowedOrigin>"
        + "<AllowedMethod>PUT</AllowedMethod><AllowedHeader>X-Amz-*</AllowedHeader></CORSRule>"
        + "<CORSRule><ID>two</ID><AllowedOrigin>*</AllowedOrigin>"
        + "<AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod></CORSRule>");

    assertThat(rules.firstMatch("a.example.com", "PUT", List.of("x-amz-date", "X-AMZ-META-A")))
        .map(CorsRule::id).contains("one");
    assertThat(rules.firstMatch("a.example.com", "PUT", List.of("content-type")))
        .isEmpty();
    assertThat(rules.firstMatch("a.example.com", "GET", List.of())).map(CorsRule::id)
        .contains("two");
    assertThat(rules.firstMatch("other.org", "PUT", List.of())).map(CorsRule::id)
        .contains("two");
    assertThat(rules.firstMatch("other.org", "DELETE", List.of())).isEmpty();
  }

  @Test
  void parse_storedForm_readsBackTheSameRules() throws Exception {
    CorsRules rules = parse("<CORSRule><AllowedOrigin>https://a</AllowedOrigin>"
        + "<AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader>"
        + "<ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>30</MaxAgeSeconds></CORSRule>");
    CorsRules again = CorsRules.parseStored(
        new String(rules.toXml().finish(), StandardCharsets.UTF_8));
    assertThat(again).isEqualTo(rules);
    assertThat(again.rules().get(0).maxAgeSeconds()).isEqualTo(30);
  }

  @Test
  void parse_invalidDocuments_areRefusedAsS3Does() {
    String ok = "<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>";
    assertThatThrownBy(() -> parse("")).satisfies(e -> assertThat(code(e))
        .isEqualTo("MALFORMED_XML"));
    assertThatThrownBy(() -> parse("<CORSRule><AllowedOrigin>*</AllowedOrigin></CORSRule>"))
        .satisfies(e -> assertThat(code(e)).isEqualTo("MALFORMED_XML"));
    assertThatThrownBy(() -> parse("<CORSRule>" + ok + "<Bogus>1</Bogus></CORSRule>"))
        .satisfies(e -> assertThat(code(e)).isEqualTo("MALFORMED_XML"));
    assertThatThrownBy(() -> parse("<CORSRule>" + ok + "<MaxAgeSeconds>-1</MaxAgeSeconds>"
        + "</CORSRule>")).satisfies(e -> assertThat(code(e)).isEqualTo("MALFORMED_XML"));
    assertThatThrownBy(() -> parse("<CORSRule>" + ok + "<AllowedMethod>get</AllowedMethod>"
        + "</CORSRule>")).satisfies(e -> assertThat(code(e)).isEqualTo("INVALID_REQUEST"));
    assertThatThrownBy(() -> parse("<CORSRule>" + ok + "<AllowedHeader>x-*-*</AllowedHeader>"
        + "</CORSRule>")).satisfies(e -> assertThat(code(e)).isEqualTo("INVALID_REQUEST"));
    assertThatThrownBy(() -> parse("<CORSRule><ID>" + "i".repeat(256) + "</ID>" + ok
        + "</CORSRule>")).satisfies(e -> assertThat(code(e)).isEqualTo("INVALID_REQUEST"));
  }
}
