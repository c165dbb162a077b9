package io.cairn.blob;

import io.cairn.log.CorruptRecordException;
import io.cairn.log.Locator;
import io.cairn.log.RecordKind;
import io.cairn.log.RecordLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checkpoint records: the store's state at one log sequence, so recovery replays only the records
 * after it.
 *
 * <p>Layout (all {@link RecordKind#CHECKPOINT} records, payloads in {@link Payload} encoding):
 *
 * <ul>
 *   <li><b>map part</b> (type 1, owner = blob id): a run of extent-map entries. A map larger than
 *       {@link #INLINE_ENTRIES} is stored as one or more parts; a map whose exact content was
 *       already stored by the previous checkpoint reuses those parts (the memo on {@link
 *       ExtentMap}), so an unchanged volume costs nothing to checkpoint again.
 *   <li><b>manifest part</b> (type 2, owner 0): a stream of items, split between parts anywhere
 *       between items: {@code BLOB(id, size, nextVersion, mapRef)} followed by that blob's {@code
 *       VERSION(number, size, mapRef)} items. A mapRef is inline entries (small maps, so a million
 *       small objects do not cost a million records) or the locators of map parts.
 *   <li><b>manifest</b> (type 3, owner 0): sequence covered, next blob id, locators of the
 *       manifest parts. Its locator is published in the {@link ManifestIndex}.
 * </ul>
 */
final class Checkpoint {

  /** Maps with at most this many entries are written inline in the manifest. */
  static final int INLINE_ENTRIES = 16;

  private static final int MAP_PART = 1;
  private static final int MANIFEST_PART = 2;
  private static final int MANIFEST = 3;
  private static final int ITEM_BLOB = 1;
  private static final int ITEM_VERSION = 2;
  private static final int REF_INLINE = 0;
  private static final int REF_PARTS = 1;

  /** One blob as captured at the checkpoint's sequence. */
  record Image(long id, Head head) {}

  /** What a loaded or written checkpoint consists of. */
  record Loaded(long sequence, long nextBlobId, List<Image> blobs, Locator manifest, Set<Locator> records) {}

  private Checkpoint() {}

  /**
   * Writes the checkpoint records for {@code blobs} at {@code sequence} (not synced). {@code
   * reusable} are the records of the current durable checkpoint that unchanged maps may point at.
   */
  static Loaded write(
      RecordLog log, int maxPayload, long sequence, long nextBlobId, List<Image> blobs, Set<Locator> reusable)
      throws IOException {
    Set<Locator> records = new HashSet<>();
    List<Locator> manifestParts = new ArrayList<>();
    Payload.Writer part = manifestPart();
    for (Image img : blobs) {
      Head h = img.head();
      Payload.Writer item = new Payload.Writer();
      item.u8(ITEM_BLOB).varLong(img.id()).varLong(h.size()).varLong(h.nextVersion());
      mapRef(log, maxPayload, img.id(), h.map(), reusable, records, item);
      part = appendItem(log, maxPayload, part, item, manifestParts, records);
      for (Head.Version v : h.versions()) {
        Payload.Writer vi = new Payload.Writer();
        vi.u8(ITEM_VERSION).varLong(v.number()).varLong(v.size());
        mapRef(log, maxPayload, img.id(), v.map(), reusable, records, vi);
        part = appendItem(log, maxPayload, part, vi, manifestParts, records);
      }
    }
    flushPart(log, part, manifestParts, records);
    Payload.Writer m = new Payload.Writer().u8(MANIFEST).varLong(sequence).varLong(nextBlobId);
    m.varLong(manifestParts.size());
    for (Locator l : manifestParts) {
      m.locator(l);
    }
    Locator manifest = log.append(RecordKind.CHECKPOINT, 0, 0, 0, m.toBuffer());
    records.add(manifest);
    return new Loaded(sequence, nextBlobId, blobs, manifest, records);
  }

  /** Reads the checkpoint whose manifest record is at {@code manifest}, maps included. */
  static Loaded load(RecordLog log, Locator manifest) throws IOException {
    Set<Locator> records = new HashSet<>();
    records.add(manifest);
    Payload.Reader m = new Payload.Reader(read(log, manifest), "manifest");
    expectType(m, MANIFEST, "manifest");
    long sequence = m.varLong();
    long nextBlobId = m.varLong();
    int nParts = m.varInt();
    List<Image> blobs = new ArrayList<>();
    long id = -1;
    Head head = null;
    for (int p = 0; p < nParts; p++) {
      Locator at = m.locator();
      records.add(at);
      Payload.Reader r = new Payload.Reader(read(log, at), "manifest part");
      expectType(r, MANIFEST_PART, "manifest part");
      while (r.hasRemaining()) {
        int item = r.u8();
        if (item == ITEM_BLOB) {
          if (head != null) {
            blobs.add(new Image(id, head));
          }
          id = r.varLong();
          long size = r.varLong();
          long nextVersion = r.varLong();
          head = new Head(size, readMap(log, r, records), List.of(), nextVersion);
        } else if (item == ITEM_VERSION && head != null) {
          long number = r.varLong();
          long size = r.varLong();
          List<Head.Version> vs = new ArrayList<>(head.versions());
          vs.add(new Head.Version(number, size, readMap(log, r, records)));
          head = new Head(head.size(), head.map(), List.copyOf(vs), head.nextVersion());
        } else {
          throw new CorruptRecordException("manifest part " + at + ": bad item " + item);
        }
      }
    }
    m.expectEnd();
    if (head != null) {
      blobs.add(new Image(id, head));
    }
    return new Loaded(sequence, nextBlobId, blobs, manifest, records);
  }

  private static Payload.Writer manifestPart() {
    return new Payload.Writer().u8(MANIFEST_PART);
  }

  private static Payload.Writer appendItem(
      RecordLog log, int maxPayload, Payload.Writer part, Payload.Writer item, List<Locator> parts, Set<Locator> records)
      throws IOException {
    if (part.size() + item.size() > maxPayload && part.size() > 2) {
      flushPart(log, part, parts, records);
      part = manifestPart();
    }
    ByteBuffer b = item.toBuffer();
    b.get(); // the item writer's own format byte; the part carries one
    while (b.hasRemaining()) {
      part.u8(b.get());
    }
    return part;
  }

  private static void flushPart(RecordLog log, Payload.Writer part, List<Locator> parts, Set<Locator> records)
      throws IOException {
    Locator at = log.append(RecordKind.CHECKPOINT, 0, 0, 0, part.toBuffer());
    parts.add(at);
    records.add(at);
  }

  private static void mapRef(
      RecordLog log, int maxPayload, long owner, ExtentMap map, Set<Locator> reusable, Set<Locator> records,
      Payload.Writer out)
      throws IOException {
    if (map.entryCount() <= INLINE_ENTRIES) {
      out.u8(REF_INLINE).varLong(map.entryCount());
      for (ExtentMap.Entry e : map.entries()) {
        out.entry(e);
      }
      return;
    }
    List<Locator> parts = map.checkpointParts();
    if (parts == null || !reusable.containsAll(parts) && !records.containsAll(parts)) {
      parts = writeMapParts(log, maxPayload, owner, map);
      map.rememberCheckpoint(parts);
    }
    records.addAll(parts);
    out.u8(REF_PARTS).varLong(parts.size());
    for (Locator l : parts) {
      out.locator(l);
    }
  }

  private static List<Locator> writeMapParts(RecordLog log, int maxPayload, long owner, ExtentMap map)
      throws IOException {
    int perPart = Math.max(1, (maxPayload - 16) / Payload.MAX_ENTRY_BYTES);
    List<ExtentMap.Entry> entries = map.entries();
    List<Locator> parts = new ArrayList<>();
    for (int from = 0; from < entries.size(); from += perPart) {
      int to = Math.min(entries.size(), from + perPart);
      Payload.Writer w = new Payload.Writer().u8(MAP_PART).varLong(to - from);
      for (int i = from; i < to; i++) {
        w.entry(entries.get(i));
      }
      parts.add(log.append(RecordKind.CHECKPOINT, owner, 0, 0, w.toBuffer()));
    }
    return List.copyOf(parts);
  }

  private static ExtentMap readMap(RecordLog log, Payload.Reader r, Set<Locator> records) throws IOException {
    int tag = r.u8();
    if (tag == REF_INLINE) {
      int n = r.varInt();
      List<ExtentMap.Entry> entries = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        entries.add(r.entry());
      }
      return ExtentMap.of(entries);
    }
    if (tag != REF_PARTS) {
      throw new CorruptRecordException("manifest: bad map reference " + tag);
    }
    int n = r.varInt();
    List<Locator> parts = new ArrayList<>(n);
    List<ExtentMap.Entry> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Locator at = r.locator();
      parts.add(at);
      records.add(at);
      Payload.Reader p = new Payload.Reader(read(log, at), "map part");
      expectType(p, MAP_PART, "map part");
      int count = p.varInt();
      for (int k = 0; k < count; k++) {
        entries.add(p.entry());
      }
      p.expectEnd();
    }
    ExtentMap map = ExtentMap.of(entries);
    map.rememberCheckpoint(parts);
    return map;
  }

  private static void expectType(Payload.Reader r, int type, String what) throws CorruptRecordException {
    int t = r.u8();
    if (t != type) {
      throw new CorruptRecordException(what + ": record type " + t + ", expected " + type);
    }
  }

  static ByteBuffer read(RecordLog log, Locator at) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(at.payloadLength());
    log.read(at, 0, b);
    return b.flip();
  }
}
