package io.cairn.nbd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nbdcopy (libnbd, many requests in flight on several connections) copies a sparse image into an
 * export and back out; the hashes must match. 256 MiB by default, 1 GiB with -Dcairn.long=true.
 */
class NbdCopyTest {

  private static final long SIZE = Boolean.getBoolean("cairn.long") ? 1L << 30 : 256L << 20;

  @TempDir Path dir;

  @Test
  void nbdcopy_inAndOutOfMemoryExport_preservesEveryByte() throws Exception {
    Path source = image(dir.resolve("source.raw"));
    Path copy = dir.resolve("copy.raw");
    MemoryBlockExport volume = new MemoryBlockExport(SIZE, false);
    try (TestServer server = new TestServer(new MapExportResolver().add("vol", volume))) {
      copy(source.toString(), server.uri("vol"));
      copy(server.uri("vol"), copy.toString());
    }
    assertThat(sha256(copy)).isEqualTo(sha256(source));
    // The zero regions of the source stayed holes: nbdcopy zeroed them without data.
    assertThat(volume.allocated(SIZE / 2, 8 << 20)).isFalse();
  }

  @Test
  void nbdcopy_inAndOutOfFileExport_preservesEveryByte() throws Exception {
    Path source = image(dir.resolve("source.raw"));
    Path backing = dir.resolve("volume.raw");
    try (FileChannel f = FileChannel.open(backing, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      f.write(ByteBuffer.wrap(new byte[] {(byte) 0xee}), SIZE - 1);
    }
    Path copy = dir.resolve("copy.raw");
    try (TestServer server =
        new TestServer(
            new MapExportResolver().add("vol", "file", () -> new FileBlockExport(backing, false)))) {
      copy(source.toString(), server.uri("vol"));
      copy(server.uri("vol"), copy.toString());
    }
    assertThat(sha256(copy)).isEqualTo(sha256(source)).isEqualTo(sha256(backing));
  }

  private static void copy(String from, String to) throws Exception {
    ExternalTool.Result r = ExternalTool.NBDCOPY.run(600, "--flush", from, to);
    assertThat(r.exit()).as(r.all()).isZero();
  }

  /** Random data with a zero stretch in the middle and at the end, so copies exercise zeroing. */
  private static Path image(Path path) throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    ByteBuffer block = ByteBuffer.allocateDirect(1 << 20);
    try (FileChannel f = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long at = 0; at < SIZE; at += block.capacity()) {
        boolean zero = (at >= SIZE / 2 && at < SIZE / 2 + (8 << 20)) || at >= SIZE - (4 << 20);
        if (zero) {
          continue;
        }
        block.clear();
        while (block.hasRemaining()) {
          block.putLong(random.nextLong());
        }
        block.flip();
        while (block.hasRemaining()) {
          f.write(block, at + block.position());
        }
      }
      if (f.size() < SIZE) {
        f.truncate(SIZE);
        f.write(ByteBuffer.wrap(new byte[1]), SIZE - 1);
      }
    }
    return path;
  }

  private static String sha256(Path path) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(path)) {
      byte[] buf = new byte[1 << 20];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
