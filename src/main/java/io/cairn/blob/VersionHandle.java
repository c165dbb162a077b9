package io.cairn.blob;

/**
 * A {@link BlobVersion}: blob entry plus version number. The map is looked up on each read, so a
 * compaction that moved its records is seen, and a deleted version reads as missing.
 */
final class VersionHandle extends StoreRead implements BlobVersion {
  private final long number;
  private final long size;

  VersionHandle(LogBlobStore store, BlobEntry entry, long number, long size) {
    super(store, entry);
    this.number = number;
    this.size = size;
  }

  @Override
  View view() throws NoSuchBlobException {
    Head.Version v = entry.live().version(number);
    if (v == null) {
      throw new NoSuchBlobException("version " + number + " of blob " + entry.id + " is deleted");
    }
    return new View(v.size(), v.map());
  }

  @Override
  public long number() {
    return number;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public String toString() {
    return "blob " + entry.id + " version " + number;
  }
}
