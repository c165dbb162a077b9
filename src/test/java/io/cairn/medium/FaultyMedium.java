package io.cairn.medium;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link Medium} wrapper that breaks on purpose: seeded random I/O errors, a disk that fills up,
 * and {@link #crash power loss}. Every layer's durability tests run on it.
 *
 * <ul>
 *   <li><b>Random faults</b>: {@link #failureProbability(Op, double)} per operation (all 0 by
 *       default), {@link #failNext(Op)} for one deterministic failure. An injected fault throws
 *       {@link InjectedFaultException} before the delegate is touched, so the operation did not
 *       happen; with {@link #partialAppendFailures(boolean)} a failing append first writes a random
 *       prefix of its bytes (visible in {@link AppendFile#length()} and in {@code src}'s position).
 *   <li><b>Disk full</b>: after {@link #failAppendsAfter(long) failAppendsAfter(n)} the next
 *       {@code n} bytes are accepted, then appends throw {@code IOException("No space left on
 *       device")}. The append that crosses the limit writes exactly the bytes that fit, advancing
 *       {@code src} and {@link AppendFile#length()} by that much, so nothing is lost silently.
 *   <li><b>Crash</b>: {@link #crash(CrashMode)} closes every open handle (from then on their
 *       reads, appends, flushes and syncs throw, and so does an append file's {@code close}, being
 *       a sync; a read file's {@code close} stays quiet), then rewrites each file created through
 *       this medium to what a power loss could leave: synced bytes always, plus none, a prefix, or
 *       a corrupted prefix of the unsynced tail. Files never synced may vanish; deletes are
 *       durable on return as the contract says. Files that were in the delegate before it was
 *       wrapped count as fully synced. A file overwritten in place ({@link #inPlace()}) keeps its
 *       old bytes past what survives of the new ones, as a disk does. The medium is usable again
 *       afterwards, like a rebooted machine.
 * </ul>
 *
 * <p>Thread safe. Operations hold a shared lock and {@code crash} an exclusive one, so a crash
 * happens between operations: a {@code sync} either returned before it (and its bytes survive) or
 * throws. The same seed and the same sequence of calls from one thread give the same faults.
 */
public final class FaultyMedium implements Medium {

  /** The operations a fault can be injected into. */
  public enum Op {
    CREATE,
    APPEND,
    FLUSH,
    SYNC,
    OPEN,
    READ,
    DELETE,
    RENAME
  }

  private final Medium delegate;
  private final Random random;
  private final ReadWriteLock crashLock = new ReentrantReadWriteLock();
  private final Map<Op, Double> probabilities = new EnumMap<>(Op.class);
  private final Map<Op, Integer> forced = new EnumMap<>(Op.class);
  private final Map<String, FileState> files = new ConcurrentHashMap<>();
  private final Set<FaultyHandle> handles = ConcurrentHashMap.newKeySet();
  private volatile long epoch;
  private volatile boolean partialAppends;
  private long spaceLeft = Long.MAX_VALUE;
  private long injected;

  public FaultyMedium(Medium delegate, long seed) {
    this.delegate = delegate;
    this.random = new Random(seed);
  }

  /** Each call of {@code op} fails with probability {@code p} from now on. */
  public synchronized FaultyMedium failureProbability(Op op, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("probability " + p);
    }
    probabilities.put(op, p);
    return this;
  }

  /** The next call of {@code op} fails (calls add up: two calls fail the next two). */
  public synchronized FaultyMedium failNext(Op op) {
    forced.merge(op, 1, Integer::sum);
    return this;
  }

  /** When true, a randomly failing append first writes a random prefix of its bytes. */
  public FaultyMedium partialAppendFailures(boolean partial) {
    this.partialAppends = partial;
    return this;
  }

  /** The disk fills up after {@code bytes} more appended bytes; {@code Long.MAX_VALUE} frees it. */
  public synchronized FaultyMedium failAppendsAfter(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes " + bytes);
    }
    spaceLeft = bytes;
    return this;
  }

  /** Number of faults thrown so far (random, forced and disk full). */
  public synchronized long injectedFaults() {
    return injected;
  }

  /** Handles (append and read) opened and not yet closed, for leak checks. */
  public int liveHandles() {
    return handles.size();
  }

  /**
   * Bytes of {@code name} that would survive a crash now: its length at the last successful sync.
   * The whole delegate length for files this medium did not create.
   */
  public long syncedLength(String name) throws IOException {
    FileState state = files.get(name);
    return state == null ? delegate.length(name) : state.synced;
  }

  public Medium delegate() {
    return delegate;
  }

  /**
   * Simulates power loss and reboot. Open handles are closed and throw from now on; each file
   * created through this medium keeps its synced bytes plus what {@code mode} leaves of its
   * unsynced tail, and the delegate's file is really rewritten to that (read, delete, create,
   * append, sync). Files are visited in name order so a seed gives the same outcome.
   */
  public void crash(CrashMode mode) throws IOException {
    crashLock.writeLock().lock();
    try {
      epoch++;
      IOException failure = null;
      for (FaultyHandle h : handles) {
        try {
          h.release();
        } catch (IOException e) {
          failure = add(failure, e);
        }
      }
      handles.clear();
      for (Map.Entry<String, FileState> e : new TreeMap<>(files).entrySet()) {
        try {
          settle(e.getKey(), e.getValue(), mode);
        } catch (IOException ex) {
          failure = add(failure, ex);
        }
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      crashLock.writeLock().unlock();
    }
  }

  private static IOException add(IOException first, IOException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  private void settle(String name, FileState state, CrashMode mode) throws IOException {
    if (!delegate.exists(name)) {
      files.remove(name);
      return;
    }
    long length = delegate.length(name);
    if (!state.durable && (mode == CrashMode.DROP_UNSYNCED || draw(2) == 0)) {
      delegate.delete(name);
      files.remove(name);
      return;
    }
    long synced = Math.min(state.synced, length);
    long keep = mode == CrashMode.DROP_UNSYNCED ? synced : synced + drawLong(length - synced + 1);
    List<Long> flips = new ArrayList<>();
    if (mode == CrashMode.TEAR_AND_CORRUPT && keep > synced) {
      for (int i = 1 + draw(3); i > 0; i--) {
        flips.add(synced + drawLong(keep - synced));
      }
    }
    if (state.before != null) {
      // Written over in place: the new bytes that survive, then the old ones beyond them.
      byte[] now = readAll(name);
      byte[] left = Arrays.copyOf(now, (int) Math.max(keep, state.before.length));
      if (state.before.length > keep) {
        System.arraycopy(state.before, (int) keep, left, (int) keep, state.before.length - (int) keep);
      }
      for (long at : flips) {
        left[(int) at] ^= (byte) (1 + draw(255));
      }
      delegate.delete(name);
      try (AppendFile out = delegate.create(name)) {
        out.append(ByteBuffer.wrap(left));
        out.sync();
      }
      files.put(name, new FileState(left.length, true));
      return;
    }
    if (keep < length || !flips.isEmpty()) {
      rewrite(name, keep, flips);
    }
    files.put(name, new FileState(keep, true));
  }

  /** Replaces {@code name} with its first {@code keep} bytes, XOR-ing a random non-zero mask at each flip. */
  private void rewrite(String name, long keep, List<Long> flips) throws IOException {
    Path spill = Files.createTempFile("cairn-crash-", ".bin");
    try (FileChannel tmp = FileChannel.open(spill, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.allocate(1 << 20);
      try (ReadFile in = delegate.open(name)) {
        for (long pos = 0; pos < keep; ) {
          buf.clear().limit((int) Math.min(buf.capacity(), keep - pos));
          in.readFully(pos, buf);
          buf.flip();
          while (buf.hasRemaining()) {
            pos += tmp.write(buf, pos);
          }
        }
      }
      for (long at : flips) {
        ByteBuffer one = ByteBuffer.allocate(1);
        tmp.read(one, at);
        one.put(0, (byte) (one.get(0) ^ (1 + draw(255))));
        tmp.write(one.rewind(), at);
      }
      delegate.delete(name);
      try (AppendFile out = delegate.create(name)) {
        for (long pos = 0; pos < keep; ) {
          buf.clear().limit((int) Math.min(buf.capacity(), keep - pos));
          while (buf.hasRemaining()) {
            tmp.read(buf, pos + buf.position());
          }
          pos += buf.flip().remaining();
          out.append(buf);
        }
        out.sync();
      }
    } finally {
      Files.deleteIfExists(spill);
    }
  }

  synchronized int draw(int bound) {
    return random.nextInt(bound);
  }

  synchronized long drawLong(long bound) {
    return bound == 1 ? 0 : Math.floorMod(random.nextLong(), bound);
  }

  synchronized void maybeFail(Op op, String name) throws InjectedFaultException {
    Integer pending = forced.get(op);
    boolean fail;
    if (pending != null && pending > 0) {
      forced.put(op, pending - 1);
      fail = true;
    } else {
      double p = probabilities.getOrDefault(op, 0.0);
      fail = p > 0 && random.nextDouble() < p;
    }
    if (fail) {
      injected++;
      throw new InjectedFaultException("injected fault: " + op.name().toLowerCase() + " " + name);
    }
  }

  /** Bytes of a {@code want}-byte append the disk accepts; counts the fault when it is short. */
  synchronized long reserve(long want) {
    long granted = Math.min(want, spaceLeft);
    if (spaceLeft != Long.MAX_VALUE) {
      spaceLeft -= granted;
    }
    if (granted < want) {
      injected++;
    }
    return granted;
  }

  long epoch() {
    return epoch;
  }

  boolean partialAppends() {
    return partialAppends;
  }

  void forget(FaultyHandle h) {
    handles.remove(h);
  }

  /** Operations run under the shared lock so that {@link #crash} falls between them. */
  void enter() {
    crashLock.readLock().lock();
  }

  void exit() {
    crashLock.readLock().unlock();
  }

  @Override
  public AppendFile create(String name) throws IOException {
    enter();
    try {
      LocalMedium.checkName(name);
      maybeFail(Op.CREATE, name);
      return tracked(name, delegate.create(name), new FileState(0, false));
    } finally {
      exit();
    }
  }

  @Override
  public ReadFile open(String name) throws IOException {
    enter();
    try {
      LocalMedium.checkName(name);
      maybeFail(Op.OPEN, name);
      FaultyReadFile f = new FaultyReadFile(this, name, delegate.open(name), epoch);
      handles.add(f);
      return f;
    } finally {
      exit();
    }
  }

  @Override
  public long length(String name) throws IOException {
    return delegate.length(name);
  }

  @Override
  public boolean exists(String name) throws IOException {
    return delegate.exists(name);
  }

  @Override
  public void delete(String name) throws IOException {
    enter();
    try {
      LocalMedium.checkName(name);
      maybeFail(Op.DELETE, name);
      delegate.delete(name);
      files.remove(name);
    } finally {
      exit();
    }
  }

  /** The delegate's renames and overwrites, with faults and a crash model for them. */
  @Override
  public Optional<InPlace> inPlace() {
    return delegate.inPlace().map(d -> new InPlace() {
      @Override
      public void rename(String from, String to) throws IOException {
        FaultyMedium.this.rename(d, from, to);
      }

      @Override
      public AppendFile overwrite(String name) throws IOException {
        return FaultyMedium.this.overwrite(d, name);
      }
    });
  }

  private void rename(InPlace d, String from, String to) throws IOException {
    enter();
    try {
      LocalMedium.checkName(from);
      LocalMedium.checkName(to);
      maybeFail(Op.RENAME, from);
      long length = delegate.length(from);
      d.rename(from, to);
      FileState state = files.remove(from);
      files.put(to, state != null ? state : new FileState(length, true));
    } finally {
      exit();
    }
  }

  private AppendFile overwrite(InPlace d, String name) throws IOException {
    enter();
    try {
      LocalMedium.checkName(name);
      maybeFail(Op.CREATE, name);
      FileState state = new FileState(0, true);
      state.before = readAll(name); // what a crash leaves past the new bytes that survive
      return tracked(name, d.overwrite(name), state);
    } finally {
      exit();
    }
  }

  /** The delegate's file {@code out}, watched as {@code name} from now on. */
  private AppendFile tracked(String name, AppendFile out, FileState state) {
    files.put(name, state);
    FaultyAppendFile f = new FaultyAppendFile(this, name, out, state, epoch);
    handles.add(f);
    return f;
  }

  private byte[] readAll(String name) throws IOException {
    byte[] all = new byte[Math.toIntExact(delegate.length(name))];
    try (ReadFile in = delegate.open(name)) {
      in.readFully(0, ByteBuffer.wrap(all));
    }
    return all;
  }

  @Override
  public List<String> list() throws IOException {
    return delegate.list();
  }

  @Override
  public String uri() {
    return delegate.uri();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  /** Durability bookkeeping of a file created through this medium. */
  static final class FileState {
    volatile long synced;
    volatile boolean durable;
    /** The file's bytes when it was opened to be written over in place; null for appended files. */
    volatile byte[] before;

    FileState(long synced, boolean durable) {
      this.synced = synced;
      this.durable = durable;
    }
  }
}
