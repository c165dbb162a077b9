package io.cairn.log;

/**
 * What a record holds. The log treats every kind alike (it checksums, stores and returns them);
 * the meaning belongs to the record's owner.
 */
public enum RecordKind {
  /** Bytes of a blob at {@code logicalOffset}; {@code logicalLength == payloadLength}. */
  DATA(1),
  /** A range of a blob that reads as zeros (trim, write-zeroes); no payload. */
  ZERO(2),
  /** A blob life-cycle event (create, clone, resize, snapshot, delete, link); payload encoded by the blob layer. */
  BLOB_EVENT(3),
  /** A serialized extent map or store manifest written by a checkpoint. */
  CHECKPOINT(4);

  private final int code;

  RecordKind(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static RecordKind of(int code) {
    for (RecordKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown record kind " + code);
  }
}
