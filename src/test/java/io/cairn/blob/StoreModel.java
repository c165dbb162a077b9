package io.cairn.blob;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test model of a blob store: plain byte arrays per blob head and version. */
final class StoreModel {

  static final class ModelBlob {
    byte[] data;
    final TreeMap<Long, byte[]> versions;

    ModelBlob(byte[] data, TreeMap<Long, byte[]> versions) {
      this.data = data;
      this.versions = versions;
    }

    ModelBlob copy() {
      return new ModelBlob(data.clone(), new TreeMap<>(versions));
    }
  }

  /** A change that is not durable until a sync: it carries the log sequence of its record. */
  sealed interface Change {
    long sequence();

    void apply(StoreModel m);
  }

  record Write(long sequence, long id, long offset, byte[] bytes) implements Change {
    @Override
    public void apply(StoreModel m) {
      ModelBlob b = m.blobs.get(id);
      int end = (int) offset + bytes.length;
      if (end > b.data.length) {
        b.data = Arrays.copyOf(b.data, end);
      }
      System.arraycopy(bytes, 0, b.data, (int) offset, bytes.length);
    }
  }

  record Zero(long sequence, long id, long offset, long length) implements Change {
    @Override
    public void apply(StoreModel m) {
      new Write(sequence, id, offset, new byte[(int) length]).apply(m);
    }
  }

  record Resize(long sequence, long id, long size) implements Change {
    @Override
    public void apply(StoreModel m) {
      ModelBlob b = m.blobs.get(id);
      b.data = Arrays.copyOf(b.data, (int) size);
    }
  }

  final TreeMap<Long, ModelBlob> blobs = new TreeMap<>();

  StoreModel copy() {
    StoreModel m = new StoreModel();
    for (Map.Entry<Long, ModelBlob> e : blobs.entrySet()) {
      m.blobs.put(e.getKey(), e.getValue().copy());
    }
    return m;
  }

  List<Long> ids() {
    return new ArrayList<>(blobs.keySet());
  }
}
