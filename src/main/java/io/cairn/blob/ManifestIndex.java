package io.cairn.blob;

import io.cairn.log.Locator;
import io.cairn.medium.AppendFile;
import io.cairn.medium.Medium;
import io.cairn.medium.ReadFile;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Where recovery finds the newest checkpoint: small append-only files {@code
 * blobstore-manifest-<n>.idx} of fixed-size, CRC'd pointers to manifest records.
 *
 * <p>A medium cannot reopen a file for appending, so every open starts a new file holding the
 * pointer recovery used, syncs it, and only then deletes the older files; the same roll happens
 * when a file grows past {@link #ROLL_BYTES}. At any instant some synced file holds the newest
 * published pointer; a torn entry fails its CRC and is ignored.
 */
final class ManifestIndex implements Closeable {

  static final String PREFIX = "blobstore-manifest-";
  static final String SUFFIX = ".idx";
  private static final int MAGIC = 0x43424D49;
  private static final int ENTRY = 4 + 8 + 8 + 8 + 4 + 4;
  private static final long ROLL_BYTES = 64 * 1024;

  /** A published checkpoint: the manifest record at {@code manifest} covers {@code sequence}. */
  record Pointer(long sequence, Locator manifest) {}

  private final Medium medium;
  private long fileNumber;
  private AppendFile file;

  private ManifestIndex(Medium medium, long fileNumber) {
    this.medium = medium;
    this.fileNumber = fileNumber;
  }

  /** Every valid pointer in every index file, newest sequence first. */
  static List<Pointer> candidates(Medium medium) throws IOException {
    List<Pointer> out = new ArrayList<>();
    for (String name : indexFiles(medium)) {
      try (ReadFile f = medium.open(name)) {
        long len = f.length();
        ByteBuffer b = ByteBuffer.allocate(ENTRY);
        for (long pos = 0; pos + ENTRY <= len; pos += ENTRY) {
          b.clear();
          f.readFully(pos, b);
          Pointer p = decode(b.flip());
          if (p == null) {
            break;
          }
          out.add(p);
        }
      }
    }
    out.sort(Comparator.comparingLong(Pointer::sequence).reversed());
    return out;
  }

  /** Starts a fresh index file holding {@code current} (if any), synced, and drops older files. */
  static ManifestIndex start(Medium medium, Pointer current) throws IOException {
    List<String> old = indexFiles(medium);
    long last = 0;
    for (String name : old) {
      last = Math.max(last, number(name));
    }
    ManifestIndex idx = new ManifestIndex(medium, last);
    idx.roll(current);
    return idx;
  }

  /** Makes {@code p} the pointer recovery will use; durable on return. */
  synchronized void publish(Pointer p) throws IOException {
    if (file.length() + ENTRY > ROLL_BYTES) {
      roll(p);
      return;
    }
    file.append(encode(p));
    file.sync();
  }

  @Override
  public synchronized void close() throws IOException {
    if (file != null) {
      file.close();
      file = null;
    }
  }

  private void roll(Pointer p) throws IOException {
    List<String> old = indexFiles(medium);
    fileNumber++;
    AppendFile next = medium.create(name(fileNumber));
    if (p != null) {
      next.append(encode(p));
    }
    next.sync();
    if (file != null) {
      file.close();
    }
    file = next;
    for (String name : old) {
      medium.delete(name);
    }
  }

  private static List<String> indexFiles(Medium medium) throws IOException {
    List<String> out = new ArrayList<>();
    for (String name : medium.list()) {
      if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
        out.add(name);
      }
    }
    return out;
  }

  private static String name(long n) {
    return String.format("%s%016d%s", PREFIX, n, SUFFIX);
  }

  private static long number(String name) {
    try {
      return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static ByteBuffer encode(Pointer p) {
    ByteBuffer b = ByteBuffer.allocate(ENTRY);
    b.putInt(MAGIC).putLong(p.sequence()).putLong(p.manifest().segment()).putLong(p.manifest().offset());
    b.putInt(p.manifest().payloadLength());
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, ENTRY - 4);
    b.putInt((int) crc.getValue());
    return b.flip();
  }

  private static Pointer decode(ByteBuffer b) {
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, ENTRY - 4);
    if (b.getInt(0) != MAGIC || b.getInt(ENTRY - 4) != (int) crc.getValue()) {
      return null;
    }
    long seq = b.getLong(4);
    long seg = b.getLong(12);
    long off = b.getLong(20);
    int len = b.getInt(28);
    if (seq < 0 || seg < 0 || off < 0 || len < 0) {
      return null;
    }
    return new Pointer(seq, new Locator(seg, off, len));
  }
}
