package io.cairn.volumes;

import java.io.IOException;

/** Free space where volume data goes, asked before a volume is promised. */
@FunctionalInterface
public interface Capacity {
  long availableBytes() throws IOException;

  static Capacity of(java.nio.file.Path dir) {
    return () -> java.nio.file.Files.getFileStore(dir).getUsableSpace();
  }
}
