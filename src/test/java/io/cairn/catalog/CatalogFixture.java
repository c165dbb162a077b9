package io.cairn.catalog;

import java.util.Map;

/**
 * What every part of the catalog contract suite needs: the catalog under test, a way to reopen it
 * on the same database, and shorthands for setting up rows.
 */
interface CatalogFixture {

  Catalog catalog();

  /** The clock the catalog was opened with. */
  TickingClock clock();

  /** Closes the catalog and opens a new one on the same database (same clock). */
  Catalog reopen() throws Exception;

  default User user(String name) throws CatalogException {
    return catalog().users().create(name, false, "AK" + name.toUpperCase(), "secret-of-" + name);
  }

  default Bucket bucket(String name) throws CatalogException {
    return catalog().buckets().create(name, "owner-1", "us-east-1", Acl.none());
  }

  default Bucket versionedBucket(String name) throws CatalogException {
    Bucket bucket = bucket(name);
    catalog().buckets().setVersioning(name, Versioning.ENABLED);
    return bucket;
  }

  default PutOutcome put(String bucket, String key, long blobId) throws CatalogException {
    return catalog().objects().put(bucket, ObjectDraft.of(key, blobId, 4096, "etag-" + blobId, "owner-1"));
  }

  default Host host(String name) throws CatalogException {
    return catalog().hosts().create(name, Host.Type.LIBVIRT, "{\"uri\":\"qemu:///system\"}");
  }

  /** An AVAILABLE volume of 1 GiB. */
  default Volume availableVolume() throws CatalogException {
    Volume volume =
        catalog()
            .volumes()
            .create(new VolumeDraft("owner-1", 1L << 30, "disk", "zone-a", null, Map.of()));
    catalog().volumes().setBlob(volume.id(), 42);
    return catalog()
        .volumes()
        .transition(
            volume.id(), java.util.Set.of(Volume.State.CREATING), Volume.State.AVAILABLE, null);
  }
}
