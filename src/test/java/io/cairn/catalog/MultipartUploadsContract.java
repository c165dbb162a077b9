package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

interface MultipartUploadsContract extends CatalogFixture {

  private MultipartUpload upload(String bucket, String key) throws CatalogException {
    return catalog().multipartUploads().create(bucket, UploadDraft.of(key, "owner-1"));
  }

  @Test
  default void create_thenGet_returnsUploadWithWhatToApplyOnCompletion() throws Exception {
    bucket("b1");
    UploadDraft draft =
        new UploadDraft("big.iso", "initiator-1", "owner-1", ContentHeaders.ofType("application/x-iso9660-image"),
            Map.of("origin", "mirror"), "SHA256", "GLACIER", Map.of("t", "1"),
            new Acl(List.of(new Acl.Grant(Acl.GranteeType.ALL_USERS, null, Acl.Permission.READ))));

    MultipartUpload created = catalog().multipartUploads().create("b1", draft);

    assertThat(catalog().multipartUploads().get(created.uploadId())).isEqualTo(created);
    assertThat(created.uploadId()).matches("[0-9a-f]{32}");
    assertThat(created.checksumAlgorithm()).isEqualTo("SHA256");
    assertThat(created.storageClass()).isEqualTo("GLACIER");
    assertThat(created.headers().contentType()).isEqualTo("application/x-iso9660-image");
    assertThatThrownBy(() -> catalog().multipartUploads().create("nope", draft))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  default void putPart_sameNumberTwice_replacesAndHandsBackTheOldPart() throws Exception {
    bucket("b1");
    MultipartUpload upload = upload("b1", "k");
    assertThat(catalog().multipartUploads().putPart(upload.uploadId(), 1, 11, 100, "e1", null)).isEmpty();

    Part replaced =
        catalog().multipartUploads()
            .putPart(upload.uploadId(), 1, 12, 200, "e2", new Checksum("CRC32", "AAAAAA=="))
            .orElseThrow();

    assertThat(replaced.blobId()).isEqualTo(11);
    List<Part> parts = catalog().multipartUploads().parts(upload.uploadId(), 0, 100);
    assertThat(parts).hasSize(1);
    assertThat(parts.getFirst().blobId()).isEqualTo(12);
    assertThat(parts.getFirst().etag()).isEqualTo("e2");
    assertThat(parts.getFirst().checksum()).isEqualTo(new Checksum("CRC32", "AAAAAA=="));
  }

  @Test
  default void parts_arePagedByPartNumber() throws Exception {
    bucket("b1");
    MultipartUpload upload = upload("b1", "k");
    for (int n : new int[] {7, 1, 10000, 3, 2}) {
      catalog().multipartUploads().putPart(upload.uploadId(), n, n, 5L << 20, "e" + n, null);
    }
    assertThat(catalog().multipartUploads().parts(upload.uploadId(), 0, 3))
        .extracting(Part::partNumber).containsExactly(1, 2, 3);
    assertThat(catalog().multipartUploads().parts(upload.uploadId(), 3, 3))
        .extracting(Part::partNumber).containsExactly(7, 10000);
    assertThatThrownBy(() -> catalog().multipartUploads().putPart(upload.uploadId(), 0, 1, 1, "e", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> catalog().multipartUploads().putPart("nope", 1, 1, 1, "e", null))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  default void complete_storesObjectAndRemovesUploadAtomically() throws Exception {
    bucket("b1");
    put("b1", "k", 50); // the null version the completion replaces
    MultipartUpload upload = upload("b1", "k");
    catalog().multipartUploads().putPart(upload.uploadId(), 1, 1, 10, "e1", null);
    catalog().multipartUploads().putPart(upload.uploadId(), 2, 2, 10, "e2", null);

    Completion completion =
        catalog().multipartUploads().complete(upload.uploadId(), ObjectDraft.of("k", 99, 20, "etag-2", "owner-1"));

    assertThat(completion.parts()).extracting(Part::blobId).containsExactly(1L, 2L);
    assertThat(completion.put().replaced().orElseThrow().blobId()).isEqualTo(50);
    assertThat(catalog().objects().latest("b1", "k").orElseThrow().blobId()).isEqualTo(99);
    assertThat(catalog().multipartUploads().find(upload.uploadId())).isEmpty();
    assertThatThrownBy(() -> catalog().multipartUploads().parts(upload.uploadId(), 0, 10))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () -> catalog().multipartUploads().complete(upload.uploadId(), ObjectDraft.of("k", 1, 1, "e", "o")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  default void complete_forAnotherKey_failsAndLeavesUploadAndObjectsUntouched() throws Exception {
    bucket("b1");
    MultipartUpload upload = upload("b1", "k");
    catalog().multipartUploads().putPart(upload.uploadId(), 1, 1, 10, "e1", null);
    assertThatThrownBy(
            () -> catalog().multipartUploads().complete(upload.uploadId(), ObjectDraft.of("other", 9, 1, "e", "o")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(catalog().multipartUploads().parts(upload.uploadId(), 0, 10)).hasSize(1);
    assertThat(catalog().objects().latest("b1", "other")).isEmpty();
  }

  @Test
  default void abort_removesUploadAndReturnsItsParts() throws Exception {
    bucket("b1");
    MultipartUpload upload = upload("b1", "k");
    catalog().multipartUploads().putPart(upload.uploadId(), 2, 22, 10, "e", null);
    assertThat(catalog().multipartUploads().abort(upload.uploadId()))
        .extracting(Part::blobId).containsExactly(22L);
    assertThat(catalog().multipartUploads().find(upload.uploadId())).isEmpty();
    assertThatThrownBy(() -> catalog().multipartUploads().abort(upload.uploadId()))
        .isInstanceOf(NotFoundException.class);
    catalog().buckets().delete("b1"); // nothing left behind
  }

  @Test
  default void list_ordersByKeyThenInitiation_andPagesWithMarkers() throws Exception {
    bucket("b1");
    List<String> expected = new ArrayList<>();
    for (String key : List.of("z", "a", "m/ü", "a", "m/ü", "b")) {
      MultipartUpload upload = upload("b1", key);
      expected.add(key + " " + upload.uploadId());
    }
    expected.sort(
        java.util.Comparator.comparing((String s) -> s.substring(0, s.indexOf(' ')))
            .thenComparing(s -> 0)); // stable: initiation order within a key
    UploadListing all = catalog().multipartUploads().list("b1", null, null, null, 100);
    assertThat(all.uploads()).extracting(u -> u.key() + " " + u.uploadId()).containsExactlyElementsOf(expected);

    List<String> seen = new ArrayList<>();
    String keyMarker = null;
    String idMarker = null;
    while (true) {
      UploadListing page = catalog().multipartUploads().list("b1", null, keyMarker, idMarker, 2);
      page.uploads().forEach(u -> seen.add(u.key() + " " + u.uploadId()));
      if (!page.truncated()) {
        break;
      }
      keyMarker = page.nextKeyMarker();
      idMarker = page.nextUploadIdMarker();
    }
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(catalog().multipartUploads().list("b1", "m/", null, null, 100).uploads())
        .extracting(MultipartUpload::key).containsExactly("m/ü", "m/ü");
    assertThat(catalog().multipartUploads().list("b1", null, "a", null, 100).uploads())
        .extracting(MultipartUpload::key).containsExactly("b", "m/ü", "m/ü", "z");
  }
}
