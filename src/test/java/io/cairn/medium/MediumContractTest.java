package io.cairn.medium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule of the {@link Medium} contract, run against each implementation. A subclass supplies
 * only the instances: {@link #newMedium()} and {@link #reopen()}.
 */
public abstract class MediumContractTest {
  protected Medium medium;

  /** A fresh, empty medium; each test gets its own. */
  protected abstract Medium newMedium() throws IOException;

  /** A second, independent instance over the same files as the last {@link #newMedium()}. */
  protected abstract Medium reopen() throws IOException;

  /** Whether this medium can write in place, so must offer {@link Medium#inPlace()}. */
  protected abstract boolean writesInPlace();

  @BeforeEach
  void createMedium() throws IOException {
    medium = newMedium();
  }

  @AfterEach
  void closeMedium() throws IOException {
    medium.close();
  }

  protected static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  protected static byte[] read(ReadFile in, long position, int n) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(n);
    in.readFully(position, buf);
    return buf.array();
  }

  protected static byte[] readAll(Medium m, String name) throws IOException {
    try (ReadFile in = m.open(name)) {
      return read(in, 0, (int) in.length());
    }
  }

  private void write(String name, byte[] data) throws IOException {
    try (AppendFile f = medium.create(name)) {
      f.append(ByteBuffer.wrap(data));
    }
  }

  @Test
  void create_newName_isListedEmptyBeforeAnyAppend() throws IOException {
    try (AppendFile f = medium.create("a")) {
      assertThat(medium.list()).containsExactly("a");
      assertThat(medium.exists("a")).isTrue();
      assertThat(medium.length("a")).isZero();
      assertThat(f.length()).isZero();
    }
  }

  @Test
  void create_existingName_throwsFileAlreadyExists() throws IOException {
    AppendFile open = medium.create("open");
    write("closed", bytes(10, 1));
    assertThatThrownBy(() -> medium.create("open")).isInstanceOf(FileAlreadyExistsException.class);
    assertThatThrownBy(() -> medium.create("closed")).isInstanceOf(FileAlreadyExistsException.class);
    open.close();
    assertThat(readAll(medium, "closed")).isEqualTo(bytes(10, 1));
  }

  @Test
  void create_sameNameConcurrently_exactlyOneWins() throws Exception {
    int n = 6;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        results.add(pool.submit(() -> {
          start.await();
          try (AppendFile f = medium.create("race")) {
            return true;
          } catch (FileAlreadyExistsException e) {
            return false;
          }
        }));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> r : results) {
        winners += r.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "a/b", "/a", "a\\b", "a b", "a:b", "é", "a\nb", "*"})
  void names_outsideTheAlphabet_areRejected(String bad) {
    assertThatThrownBy(() -> medium.create(bad)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> medium.open(bad)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> medium.length(bad)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> medium.exists(bad)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> medium.delete(bad)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void names_fromTheWholeAlphabet_areAccepted() throws IOException {
    String name = "AZaz09._-seg-000001.log";
    write(name, bytes(3, 1));
    assertThat(medium.list()).containsExactly(name);
    assertThat(readAll(medium, name)).isEqualTo(bytes(3, 1));
  }

  @Test
  void missingFile_openLengthDelete_throwNoSuchFile() throws IOException {
    assertThatThrownBy(() -> medium.open("missing")).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> medium.length("missing")).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> medium.delete("missing")).isInstanceOf(NoSuchFileException.class);
    assertThat(medium.exists("missing")).isFalse();
  }

  @Test
  void append_thenFlush_isVisibleToNewReaders() throws IOException {
    byte[] data = bytes(5000, 2);
    try (AppendFile f = medium.create("a")) {
      f.append(ByteBuffer.wrap(data, 0, 3000));
      f.flush();
      assertThat(medium.length("a")).isEqualTo(3000);
      assertThat(readAll(medium, "a")).isEqualTo(Arrays.copyOf(data, 3000));
      f.append(ByteBuffer.wrap(data, 3000, 2000));
      assertThat(f.length()).isEqualTo(5000);
      f.sync();
      assertThat(medium.length("a")).isEqualTo(5000);
      assertThat(readAll(medium, "a")).isEqualTo(data);
    }
  }

  @Test
  void append_consumesExactlyTheRemainingBytesOfHeapAndDirectBuffers() throws IOException {
    byte[] data = bytes(1000, 3);
    ByteBuffer heap = ByteBuffer.wrap(data, 100, 400);
    ByteBuffer direct = ByteBuffer.allocateDirect(600).put(data, 500, 500).flip();
    try (AppendFile f = medium.create("a")) {
      f.append(heap);
      f.append(direct);
      f.append(ByteBuffer.allocate(0));
      assertThat(heap.hasRemaining()).isFalse();
      assertThat(direct.hasRemaining()).isFalse();
      assertThat(f.length()).isEqualTo(900);
    }
    assertThat(readAll(medium, "a")).isEqualTo(Arrays.copyOfRange(data, 100, 1000));
  }

  @Test
  void readFully_intoBufferWithPosition_fillsOnlyTheRemainder() throws IOException {
    byte[] data = bytes(100, 4);
    write("a", data);
    try (ReadFile in = medium.open("a")) {
      ByteBuffer dst = ByteBuffer.allocateDirect(30).position(10);
      in.readFully(50, dst);
      assertThat(dst.hasRemaining()).isFalse();
      byte[] got = new byte[20];
      dst.get(10, got);
      assertThat(got).isEqualTo(Arrays.copyOfRange(data, 50, 70));
    }
  }

  @Test
  void readFully_pastTheEnd_throwsEof() throws IOException {
    write("a", bytes(100, 5));
    try (ReadFile in = medium.open("a")) {
      assertThat(in.length()).isEqualTo(100);
      in.readFully(100, ByteBuffer.allocate(0));
      assertThat(read(in, 90, 10)).isEqualTo(Arrays.copyOfRange(bytes(100, 5), 90, 100));
      assertThatThrownBy(() -> in.readFully(90, ByteBuffer.allocate(11))).isInstanceOf(EOFException.class);
      assertThatThrownBy(() -> in.readFully(100, ByteBuffer.allocate(1))).isInstanceOf(EOFException.class);
      assertThatThrownBy(() -> in.readFully(5000, ByteBuffer.allocate(1))).isInstanceOf(EOFException.class);
    }
  }

  @Test
  void sync_thenClose_bytesSurviveInAnotherInstance() throws IOException {
    byte[] data = bytes(70_000, 6);
    AppendFile f = medium.create("a");
    f.append(ByteBuffer.wrap(data, 0, 40_000));
    f.sync();
    try (Medium other = reopen()) {
      assertThat(other.list()).containsExactly("a");
      assertThat(readAll(other, "a")).isEqualTo(Arrays.copyOf(data, 40_000));
    }
    f.append(ByteBuffer.wrap(data, 40_000, 30_000));
    f.close();
    try (Medium other = reopen()) {
      assertThat(other.length("a")).isEqualTo(70_000);
      assertThat(readAll(other, "a")).isEqualTo(data);
    }
  }

  @Test
  void sync_withNothingNew_isHarmless() throws IOException {
    try (AppendFile f = medium.create("a")) {
      f.sync();
      f.append(ByteBuffer.wrap(bytes(10, 7)));
      f.sync();
      f.sync();
      f.flush();
      assertThat(medium.length("a")).isEqualTo(10);
    }
  }

  @Test
  void list_returnsAllNamesSorted() throws IOException {
    assertThat(medium.list()).isEmpty();
    List<String> names = new ArrayList<>(List.of("b", "a", "seg-10", "seg-2", "A", "_x", "a.b", "a-b"));
    Collections.shuffle(names, new Random(8));
    for (String name : names) {
      write(name, new byte[0]);
    }
    List<String> sorted = new ArrayList<>(names);
    Collections.sort(sorted);
    assertThat(medium.list()).isEqualTo(sorted);
  }

  @Test
  void delete_removesTheNameAndFreesItForCreate() throws IOException {
    write("a", bytes(10, 9));
    write("b", bytes(10, 9));
    medium.delete("a");
    assertThat(medium.exists("a")).isFalse();
    assertThat(medium.list()).containsExactly("b");
    assertThatThrownBy(() -> medium.open("a")).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> medium.delete("a")).isInstanceOf(NoSuchFileException.class);
    write("a", bytes(3, 10));
    assertThat(readAll(medium, "a")).isEqualTo(bytes(3, 10));
    try (Medium other = reopen()) {
      assertThat(other.list()).containsExactly("a", "b");
    }
  }

  @Test
  void readers_concurrentOnOneHandle_allReadCorrectBytes() throws Exception {
    byte[] data = bytes(1 << 20, 11);
    write("a", data);
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (ReadFile in = medium.open("a")) {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = t;
        tasks.add(() -> {
          Random r = new Random(seed);
          for (int i = 0; i < 200; i++) {
            int len = 1 + r.nextInt(8192);
            int pos = r.nextInt(data.length - len);
            assertThat(read(in, pos, len)).isEqualTo(Arrays.copyOfRange(data, pos, pos + len));
          }
          return 200;
        });
      }
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        assertThat(f.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void reader_openedBeforeAppends_seesEachFlushedChunk() throws IOException {
    byte[] data = bytes(64 * 1024, 12);
    int chunk = 4096;
    try (AppendFile f = medium.create("a");
        ReadFile early = medium.open("a")) {
      assertThat(early.length()).isZero();
      for (int pos = 0; pos < data.length; pos += chunk) {
        f.append(ByteBuffer.wrap(data, pos, chunk));
        f.flush();
        assertThat(early.length()).isEqualTo(pos + chunk);
        assertThat(read(early, pos, chunk)).isEqualTo(Arrays.copyOfRange(data, pos, pos + chunk));
        if (pos > 0) {
          // A read straddling old and new bytes must not stop at the length known at open.
          assertThat(read(early, pos - 10, 20)).isEqualTo(Arrays.copyOfRange(data, pos - 10, pos + 10));
        }
      }
      assertThat(read(early, 0, data.length)).isEqualTo(data);
    }
  }

  @Test
  void reader_whileAnotherThreadAppends_readsEveryFlushedByte() throws Exception {
    byte[] data = bytes(2 << 20, 13);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (AppendFile f = medium.create("a")) {
      Future<?> writer = pool.submit(() -> {
        for (int pos = 0; pos < data.length; pos += 64 * 1024) {
          f.append(ByteBuffer.wrap(data, pos, 64 * 1024));
          f.flush();
        }
        return null;
      });
      long seen = 0;
      while (seen < data.length) {
        try (ReadFile in = medium.open("a")) {
          long visible = in.length();
          assertThat(visible).isGreaterThanOrEqualTo(seen);
          byte[] got = read(in, seen, (int) (visible - seen));
          assertThat(got).isEqualTo(Arrays.copyOfRange(data, (int) seen, (int) visible));
          seen = visible;
        }
      }
      writer.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void append_largeBuffer_roundTrips() throws IOException {
    byte[] data = bytes(8 << 20, 14);
    try (AppendFile f = medium.create("big")) {
      f.append(ByteBuffer.wrap(data));
      f.append(ByteBuffer.wrap(data, 0, 12345));
      assertThat(f.length()).isEqualTo(data.length + 12345L);
    }
    assertThat(medium.length("big")).isEqualTo(data.length + 12345L);
    try (ReadFile in = medium.open("big")) {
      assertThat(read(in, 0, data.length)).isEqualTo(data);
      assertThat(read(in, data.length, 12345)).isEqualTo(Arrays.copyOf(data, 12345));
    }
  }

  @Test
  void appendFile_afterClose_throwsClosedChannelAndCloseIsIdempotent() throws IOException {
    AppendFile f = medium.create("a");
    f.append(ByteBuffer.wrap(bytes(10, 15)));
    f.close();
    f.close();
    assertThatThrownBy(() -> f.append(ByteBuffer.allocate(1))).isInstanceOf(ClosedChannelException.class);
    assertThat(f.length()).isEqualTo(10);
    assertThat(readAll(medium, "a")).isEqualTo(bytes(10, 15));
  }

  @Test
  void inPlace_isOfferedExactlyWhereTheMediumCanWriteInPlace() {
    assertThat(medium.inPlace().isPresent()).isEqualTo(writesInPlace());
  }

  @Test
  void overwrite_writesFromOffsetZero_andTheOldBytesStayPastIt() throws IOException {
    if (!writesInPlace()) {
      return; // inPlace() is empty, as checked above
    }
    Medium.InPlace inPlace = medium.inPlace().orElseThrow();
    byte[] old = bytes(100, 1);
    write("a", old);
    try (AppendFile f = inPlace.overwrite("a")) {
      assertThat(f.length()).isZero();
      f.append(ByteBuffer.wrap(bytes(10, 2)));
      f.sync();
      assertThat(f.length()).isEqualTo(10);
    }
    byte[] now = readAll(reopen(), "a");
    assertThat(now).hasSize(100);
    assertThat(Arrays.copyOf(now, 10)).isEqualTo(bytes(10, 2));
    assertThat(Arrays.copyOfRange(now, 10, 100)).isEqualTo(Arrays.copyOfRange(old, 10, 100));
    assertThatThrownBy(() -> inPlace.overwrite("missing")).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void rename_movesTheBytesDurably_andRefusesAnExistingTargetOrMissingSource() throws IOException {
    if (!writesInPlace()) {
      return; // inPlace() is empty, as checked above
    }
    Medium.InPlace inPlace = medium.inPlace().orElseThrow();
    write("a", bytes(20, 1));
    write("b", bytes(5, 2));
    assertThatThrownBy(() -> inPlace.rename("a", "b")).isInstanceOf(FileAlreadyExistsException.class);
    assertThatThrownBy(() -> inPlace.rename("missing", "c")).isInstanceOf(NoSuchFileException.class);
    inPlace.rename("a", "c");
    Medium other = reopen();
    assertThat(other.list()).containsExactly("b", "c");
    assertThat(readAll(other, "c")).isEqualTo(bytes(20, 1));
    assertThat(readAll(other, "b")).isEqualTo(bytes(5, 2));
  }

  @Test
  void uri_namesTheScheme() {
    assertThat(medium.uri()).matches("[a-z]+:.+");
  }
}
