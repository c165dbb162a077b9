package io.cairn.objects;

import io.cairn.catalog.ContentHeaders;
import io.cairn.catalog.MultipartUpload;
import io.cairn.catalog.ObjectDraft;
import io.cairn.catalog.PutOutcome;
import io.cairn.objects.encryption.Encryption;
import java.util.Map;

/** Conversions between the catalog's records and the object service's. Stateless. */
final class CatalogRecords {
  private CatalogRecords() {}

  static ObjectCatalog.Stored stored(PutOutcome outcome) {
    return new ObjectCatalog.Stored(entry(outcome.stored()),
        outcome.replaced().map(CatalogRecords::entry));
  }

  static ObjectDraft draft(ObjectEntry e) {
    return new ObjectDraft(e.key(), e.blobId(), e.size(), e.etag(), headers(e.metadata()),
        e.metadata().user(), e.checksum(), e.owner(), e.acl(), e.tags(), null, e.partSizes(),
        e.encryption() == null ? null : e.encryption().toJson(), e.inline(), null);
  }

  static ContentHeaders headers(ObjectMetadata m) {
    return new ContentHeaders(m.contentType(), m.contentEncoding(), m.contentDisposition(),
        m.contentLanguage(), m.cacheControl(), m.expires());
  }

  static ObjectMetadata metadata(ContentHeaders h, Map<String, String> user) {
    ContentHeaders c = h == null ? ContentHeaders.none() : h;
    return new ObjectMetadata(c.contentType(), c.contentEncoding(), c.contentDisposition(),
        c.contentLanguage(), c.cacheControl(), c.expires(), user == null ? Map.of() : user);
  }

  static Bucket bucket(io.cairn.catalog.Bucket b) {
    return new Bucket(b.name(), b.owner(), b.created(), b.acl(), b.versioning(), b.tags());
  }

  static ObjectEntry entry(io.cairn.catalog.ObjectEntry e) {
    return new ObjectEntry(e.bucket(), e.key(), e.owner(), e.blobId(), e.size(), e.etag(),
        e.lastModified(), metadata(e.headers(), e.userMetadata()), e.checksum(), e.partSizes(),
        e.versionId(), e.deleteMarker(), e.acl(), e.tags(), Encryption.parse(e.encryption()),
        e.inline(), e.lock());
  }

  static Upload upload(MultipartUpload u) {
    return new Upload(u.uploadId(), u.bucket(), u.key(), u.owner(), u.created(),
        metadata(u.headers(), u.userMetadata()), u.checksumAlgorithm(), u.acl(), u.tags(),
        Encryption.parse(u.encryption()));
  }

  static Part part(io.cairn.catalog.Part p) {
    return new Part(p.partNumber(), p.blobId(), p.size(), p.etag(), p.lastModified(),
        p.checksum());
  }
}
