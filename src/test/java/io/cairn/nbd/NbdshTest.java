package io.cairn.nbd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** libnbd's Python shell, with client-side checks off, sees the server's own refusals. */
class NbdshTest {

  @Test
  void nbdshWrite_toReadOnlyExportWithStrictModeOff_getsServerEperm() throws Exception {
    MemoryBlockExport ro = new MemoryBlockExport(1 << 20, true);
    try (TestServer server = new TestServer(new MapExportResolver().add("ro", ro))) {
      String script =
          String.join(
              "\n",
              "h.set_strict_mode(0)",
              "for op in ('pwrite', 'trim', 'zero'):",
              "    try:",
              "        if op == 'pwrite': h.pwrite(b'x' * 512, 0)",
              "        elif op == 'trim': h.trim(512, 0)",
              "        else: h.zero(512, 0)",
              "        print(op, 'OK')",
              "    except nbd.Error as e:",
              "        print(op, 'errno', e.errno)",
              "print('read', h.pread(4, 0))");
      ExternalTool.Result r = ExternalTool.NBDSH.run("-u", server.uri("ro"), "-c", script);
      assertThat(r.exit()).as(r.all()).isZero();
      assertThat(r.out())
          .contains("pwrite errno EPERM")
          .contains("trim errno EPERM")
          .contains("zero errno EPERM")
          .contains("read bytearray(b'\\x00\\x00\\x00\\x00')");
    }
    assertThat(ro.writes.get()).isZero();
  }

  @Test
  void nbdshBlockStatus_afterZeroing_reportsHoleAndZero() throws Exception {
    MemoryBlockExport volume = new MemoryBlockExport(1 << 20, false);
    try (TestServer server = new TestServer(new MapExportResolver().add("vol", volume))) {
      String script =
          String.join(
              "\n",
              "h.pwrite(b'\\x01' * 262144, 0)",
              "h.zero(131072, 65536)",  // count, offset
              "h.flush()",
              "seen = []",
              "def f(meta, off, entries, err):",
              "    seen.append((meta, off, list(entries)))",
              "h.block_status(262144, 0, f)",
              "print(seen)");
      ExternalTool.Result r =
          ExternalTool.NBDSH.run("--base-allocation", "-u", server.uri("vol"), "-c", script);
      assertThat(r.exit()).as(r.all()).isZero();
      assertThat(r.out()).contains("('base:allocation', 0, [65536, 0, 131072, 3, 65536, 0])");
    }
  }

  @Test
  void nbdshFlush_afterPipelinedWritesCompleted_reachesTheExportAfterAllOfThem() throws Exception {
    MemoryBlockExport volume = new MemoryBlockExport(1 << 20, false);
    try (TestServer server = new TestServer(new MapExportResolver().add("vol", volume))) {
      String script =
          String.join(
              "\n",
              "buf = nbd.Buffer.from_bytearray(bytearray(b'\\x07' * 4096))",
              "for i in range(64):",
              "    h.aio_pwrite(buf, i * 4096)",
              "while h.aio_in_flight() > 0:",
              "    h.poll(-1)",
              "h.flush()",
              "h.pwrite(b'\\x08' * 512, 0, nbd.CMD_FLAG_FUA)",
              "print('done')");
      ExternalTool.Result r = ExternalTool.NBDSH.run("-u", server.uri("vol"), "-c", script);
      assertThat(r.exit()).as(r.all()).isZero();
      assertThat(r.out()).contains("done");
    }
    // NBD proto.md: FLUSH covers every write replied to before it; the export saw all 64 first.
    assertThat(volume.writesBeforeLastFlush.get()).isEqualTo(64);
    assertThat(volume.fuaWrites.get()).isEqualTo(1);
  }
}
