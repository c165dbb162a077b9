package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.objects.ObjectError;
import io.cairn.objects.ObjectServiceException;
import io.cairn.objects.ObjectTagging;
import io.cairn.objects.ObjectVersions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

/** Copy sources with versions, tagging headers and documents, versioning and delete bodies. */
class VersionAndTagPiecesTest {

  private static ByteArrayInputStream xml(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static S3Request withTagging(String header) {
    HttpFields fields = HttpFields.build().add("x-amz-tagging", header);
    return new S3Request("PUT", "/b/k", null, List.of(), fields, "b", "k", false);
  }

  @Test
  void copySource_withVersionId_isParsedAndDecoded() {
    assertThat(ObjectOperations.CopySource.parse("/b/foo%3Fbar?versionId=abc"))
        .isEqualTo(new ObjectOperations.CopySource("b", "foo?bar", "abc"));
    assertThat(ObjectOperations.CopySource.parse("b/k"))
        .isEqualTo(new ObjectOperations.CopySource("b", "k", null));
    assertThatThrownBy(() -> ObjectOperations.CopySource.parse("b/k?partNumber=1"))
        .extracting(e -> ((S3Exception) e).code()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void versionIds_onlyNullAndCatalogIdsAreWellFormed() {
    assertThat(ObjectVersions.isWellFormed("null")).isTrue();
    assertThat(ObjectVersions.isWellFormed("0123456789abcdef0123456789abcdef")).isTrue();
    assertThat(ObjectVersions.isWellFormed("0123456789ABCDEF0123456789ABCDEF")).isFalse();
    assertThat(ObjectVersions.isWellFormed("")).isFalse();
    assertThat(ObjectVersions.isWellFormed("abc")).isFalse();
    assertThat(ObjectVersions.isWellFormed(null)).isFalse();
  }

  @Test
  void taggingHeader_isUrlQueryForm_keyWithoutValueIsEmpty_duplicatesRefused() throws Exception {
    assertThat(TaggingOperations.fromHeader(withTagging("foo=bar&bar&a%20b=c%2Bd")))
        .containsExactly(Map.entry("foo", "bar"), Map.entry("bar", ""), Map.entry("a b", "c+d"));
    assertThatThrownBy(() -> TaggingOperations.fromHeader(withTagging("a=1&a=2")))
        .extracting(e -> ((S3Exception) e).code()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
    StringBuilder eleven = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      eleven.append(i == 0 ? "" : "&").append("k").append(i).append("=v");
    }
    assertThatThrownBy(() -> TaggingOperations.fromHeader(withTagging(eleven.toString())))
        .isInstanceOf(ObjectServiceException.class)
        .extracting(e -> ((ObjectServiceException) e).error()).isEqualTo(ObjectError.INVALID_TAG);
  }

  @Test
  void tagLimits_countCharactersNotBytes() throws Exception {
    ObjectTagging.checkObjectTags(Map.of("é".repeat(128), "ü".repeat(256)));
    assertThatThrownBy(() -> ObjectTagging.checkObjectTags(Map.of("", "v")))
        .isInstanceOf(ObjectServiceException.class);
    assertThatThrownBy(() -> ObjectTagging.checkObjectTags(Map.of("k", "ü".repeat(257))))
        .isInstanceOf(ObjectServiceException.class);
  }

  @Test
  void taggingDocument_parsesInOrder_refusesMissingPartsAndDuplicates() throws Exception {
    assertThat(XmlBodies.tagging(xml("<Tagging><TagSet><Tag><Key>b</Key><Value>1</Value></Tag>"
        + "<Tag><Key>a</Key><Value></Value></Tag></TagSet></Tagging>")))
        .containsExactly(Map.entry("b", "1"), Map.entry("a", ""));
    assertThat(XmlBodies.tagging(xml("<Tagging><TagSet/></Tagging>"))).isEmpty();
    for (String bad : List.of("<Tagging/>", "<Tagging><TagSet><Tag><Key>a</Key></Tag>"
        + "</TagSet></Tagging>", "<Other><TagSet/></Other>", "not xml")) {
      assertThatThrownBy(() -> XmlBodies.tagging(xml(bad))).as(bad)
          .extracting(e -> ((S3Exception) e).code()).isEqualTo(S3ErrorCode.MALFORMED_XML);
    }
    assertThatThrownBy(() -> XmlBodies.tagging(xml("<Tagging><TagSet>"
        + "<Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>a</Key><Value>2</Value></Tag>"
        + "</TagSet></Tagging>")))
        .extracting(e -> ((S3Exception) e).code()).isEqualTo(S3ErrorCode.INVALID_TAG);
  }

  @Test
  void versioningConfiguration_andDeleteWithVersions_parse() throws Exception {
    assertThat(XmlBodies.versioningConfiguration(xml(
        "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + "<Status>Enabled</Status><MfaDelete>Disabled</MfaDelete>"
            + "</VersioningConfiguration>")))
        .isEqualTo(new XmlBodies.VersioningConfiguration("Enabled", "Disabled"));
    assertThatThrownBy(() -> XmlBodies.versioningConfiguration(xml("")))
        .extracting(e -> ((S3Exception) e).code()).isEqualTo(S3ErrorCode.MALFORMED_XML);
    XmlBodies.DeleteRequest delete = XmlBodies.delete(xml("<Delete><Quiet>true</Quiet>"
        + "<Object><Key>a</Key><VersionId>v1</VersionId></Object><Object><Key>b</Key></Object>"
        + "</Delete>"));
    assertThat(delete.quiet()).isTrue();
    assertThat(delete.objects()).containsExactly(new XmlBodies.ObjectToDelete("a", "v1"),
        new XmlBodies.ObjectToDelete("b", null));
    assertThat(delete.keys()).containsExactly("a", "b");
  }

  @Test
  void newErrorCodes_renderAsS3SpellsThem() {
    assertThat(S3ErrorCode.NO_SUCH_VERSION.code()).isEqualTo("NoSuchVersion");
    assertThat(S3ErrorCode.NO_SUCH_VERSION.status()).isEqualTo(404);
    assertThat(S3ErrorCode.INVALID_TAG.code()).isEqualTo("InvalidTag");
    assertThat(S3ErrorCode.ILLEGAL_VERSIONING_CONFIGURATION_EXCEPTION.code())
        .isEqualTo("IllegalVersioningConfigurationException");
  }
}
