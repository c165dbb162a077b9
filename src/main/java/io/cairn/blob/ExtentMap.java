package io.cairn.blob;

import io.cairn.log.Locator;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A blob's content: an immutable map from logical ranges to the log records holding their bytes,
 * kept as a persistent treap ordered by logical offset.
 *
 * <p>Entries never overlap; a range not covered by an entry is a hole and reads as zeros, so
 * {@link #punch} is how zeroing and truncation are expressed. Every update returns a new map that
 * shares all untouched nodes with the old one (path copying, O(log n) new nodes expected), which
 * is what makes a snapshot or a clone O(1): keeping a reference to the root is the whole copy.
 *
 * <p>Priorities are a hash of each entry's key and target, not a random source, so a map's shape
 * is a pure function of its history (replay after a crash rebuilds the same tree). A split entry
 * keeps its priority in both halves, which preserves the heap order.
 */
final class ExtentMap {

  static final ExtentMap EMPTY = new ExtentMap(null);

  /** Nodes ever allocated; lets tests prove that snapshots and clones allocate none. */
  private static final LongAdder ALLOCATED = new LongAdder();

  /** One mapped range: [offset, offset+length) reads payload bytes from payloadOffset on. */
  record Entry(long offset, long length, Locator locator, long payloadOffset) {
    long end() {
      return offset + length;
    }
  }

  private final Node root;

  /**
   * Where a checkpoint last stored exactly this content, so an unchanged map is not rewritten.
   * Content never changes, so the memo stays true until the records move (see {@link
   * #withCheckpointRelocated}).
   */
  private volatile List<Locator> checkpointParts;

  private ExtentMap(Node root) {
    this.root = root;
  }

  static long allocatedNodes() {
    return ALLOCATED.sum();
  }

  int entryCount() {
    return root == null ? 0 : root.count;
  }

  boolean isEmpty() {
    return root == null;
  }

  /** End of the last entry, 0 if empty. */
  long end() {
    Node n = root;
    if (n == null) {
      return 0;
    }
    while (n.right != null) {
      n = n.right;
    }
    return n.offset + n.length;
  }

  /** Maps [offset, offset+length) to the payload of {@code locator} from {@code payloadOffset}. */
  ExtentMap put(long offset, long length, Locator locator, long payloadOffset) {
    checkRange(offset, length);
    if (length == 0) {
      return this;
    }
    Node[] a = split(root, offset);
    Node[] c = split(a[1], offset + length);
    Node n = new Node(offset, length, locator, payloadOffset, priority(offset, locator), null, null);
    return of(merge(merge(a[0], n), c[1]));
  }

  /** Makes [offset, offset+length) a hole. */
  ExtentMap punch(long offset, long length) {
    checkRange(offset, length);
    if (length == 0 || root == null) {
      return this;
    }
    Node[] a = split(root, offset);
    Node[] c = split(a[1], offset + length);
    if (c[0] == null) {
      return this;
    }
    return of(merge(a[0], c[1]));
  }

  /** Drops everything at or past {@code size}. */
  ExtentMap truncate(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
    Node[] a = split(root, size);
    return a[1] == null ? this : of(a[0]);
  }

  /**
   * Replaces [offset, offset+length) with {@code entries} (sorted, non-overlapping, inside the
   * range): O(k + log n) for k entries.
   */
  ExtentMap replace(long offset, long length, List<Entry> entries) {
    checkRange(offset, length);
    Node[] a = split(root, offset);
    Node[] c = split(a[1], offset + length);
    for (Entry e : entries) {
      if (e.offset() < offset || e.end() > offset + length) {
        throw new IllegalArgumentException("entry " + e + " outside [" + offset + ", +" + length + ")");
      }
    }
    return of(merge(merge(a[0], build(entries)), c[1]));
  }

  /** A map holding exactly {@code entries} (sorted by offset, non-overlapping). O(n). */
  static ExtentMap of(List<Entry> entries) {
    return of(build(entries));
  }

  /** The entries overlapping [from, to), clipped to it, in offset order. */
  List<Entry> slice(long from, long to) {
    List<Entry> out = new ArrayList<>();
    if (from < to) {
      collect(root, from, to, out);
    }
    return out;
  }

  List<Entry> entries() {
    return slice(0, Long.MAX_VALUE);
  }

  /**
   * Every node not yet in {@code seen}, adding it; subtrees already seen are skipped, so walking
   * many maps that share structure costs their distinct nodes only.
   */
  void forEachDistinct(Set<Object> seen, Consumer<Entry> action) {
    walkDistinct(root, seen, action);
  }

  /** This map with every entry whose locator is a key of {@code moves} pointed at its value. */
  ExtentMap relocate(Map<Locator, Locator> moves) {
    return relocate(moves, new IdentityHashMap<>());
  }

  /**
   * As {@link #relocate(Map)}, with {@code memo} shared across all maps relocated in one pass so
   * that nodes shared between maps (versions, clones) stay shared.
   */
  ExtentMap relocate(Map<Locator, Locator> moves, Map<Object, Object> memo) {
    Node r = relocate(root, moves, memo);
    return r == root ? this : of(r);
  }

  List<Locator> checkpointParts() {
    return checkpointParts;
  }

  void rememberCheckpoint(List<Locator> parts) {
    this.checkpointParts = List.copyOf(parts);
  }

  /** Follows moved checkpoint records: same bytes, new place. */
  void withCheckpointRelocated(Map<Locator, Locator> moves) {
    List<Locator> parts = checkpointParts;
    if (parts == null) {
      return;
    }
    List<Locator> moved = new ArrayList<>(parts.size());
    for (Locator p : parts) {
      moved.add(moves.getOrDefault(p, p));
    }
    checkpointParts = List.copyOf(moved);
  }

  /** Depth of the tree (tests check balance). */
  int depth() {
    return depth(root);
  }

  private static int depth(Node n) {
    return n == null ? 0 : 1 + Math.max(depth(n.left), depth(n.right));
  }

  private static ExtentMap of(Node root) {
    return root == null ? EMPTY : new ExtentMap(root);
  }

  private static void checkRange(long offset, long length) {
    if (offset < 0 || length < 0 || offset + length < 0) {
      throw new IllegalArgumentException("bad range " + offset + "+" + length);
    }
  }

  /** Splits into (content before pos, content at or after pos), cutting a straddling entry. */
  private static Node[] split(Node t, long pos) {
    if (t == null) {
      return new Node[2];
    }
    long end = t.offset + t.length;
    if (pos <= t.offset) {
      Node[] s = split(t.left, pos);
      s[1] = t.withChildren(s[1], t.right);
      return s;
    }
    if (pos >= end) {
      Node[] s = split(t.right, pos);
      s[0] = t.withChildren(t.left, s[0]);
      return s;
    }
    long cut = pos - t.offset;
    Node l = new Node(t.offset, cut, t.locator, t.payloadOffset, t.priority, t.left, null);
    Node r = new Node(pos, t.length - cut, t.locator, t.payloadOffset + cut, t.priority, null, t.right);
    return new Node[] {l, r};
  }

  /** Joins two trees where every key of {@code a} is below every key of {@code b}. */
  private static Node merge(Node a, Node b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.priority >= b.priority) {
      return a.withChildren(a.left, merge(a.right, b));
    }
    return b.withChildren(merge(a, b.left), b.right);
  }

  /** Cartesian-tree construction over sorted entries with a stack: O(n). */
  private static Node build(List<Entry> entries) {
    int n = entries.size();
    if (n == 0) {
      return null;
    }
    int[] prio = new int[n];
    int[] left = new int[n];
    int[] right = new int[n];
    int[] stack = new int[n];
    int top = 0;
    long prevEnd = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      Entry e = entries.get(i);
      checkRange(e.offset(), e.length());
      if (e.length() == 0 || e.offset() < prevEnd) {
        throw new IllegalArgumentException("entries empty, unsorted or overlapping at " + e);
      }
      prevEnd = e.end();
      prio[i] = priority(e.offset(), e.locator());
      left[i] = -1;
      right[i] = -1;
      int last = -1;
      while (top > 0 && prio[stack[top - 1]] < prio[i]) {
        last = stack[--top];
      }
      left[i] = last;
      if (top > 0) {
        right[stack[top - 1]] = i;
      }
      stack[top++] = i;
    }
    return assemble(stack[0], entries, prio, left, right);
  }

  private static Node assemble(int i, List<Entry> entries, int[] prio, int[] left, int[] right) {
    Node l = left[i] < 0 ? null : assemble(left[i], entries, prio, left, right);
    Node r = right[i] < 0 ? null : assemble(right[i], entries, prio, left, right);
    Entry e = entries.get(i);
    return new Node(e.offset(), e.length(), e.locator(), e.payloadOffset(), prio[i], l, r);
  }

  private static void collect(Node t, long from, long to, List<Entry> out) {
    if (t == null) {
      return;
    }
    long end = t.offset + t.length;
    if (from < t.offset) {
      collect(t.left, from, to, out);
    }
    if (t.offset < to && end > from) {
      long s = Math.max(from, t.offset);
      long e = Math.min(to, end);
      out.add(new Entry(s, e - s, t.locator, t.payloadOffset + (s - t.offset)));
    }
    if (to > end) {
      collect(t.right, from, to, out);
    }
  }

  private static void walkDistinct(Node t, Set<Object> seen, Consumer<Entry> action) {
    if (t == null || !seen.add(t)) {
      return;
    }
    walkDistinct(t.left, seen, action);
    action.accept(new Entry(t.offset, t.length, t.locator, t.payloadOffset));
    walkDistinct(t.right, seen, action);
  }

  private static Node relocate(Node t, Map<Locator, Locator> moves, Map<Object, Object> memo) {
    if (t == null) {
      return null;
    }
    Object done = memo.get(t);
    if (done != null) {
      return (Node) done;
    }
    Node l = relocate(t.left, moves, memo);
    Node r = relocate(t.right, moves, memo);
    Locator to = moves.get(t.locator);
    Node out =
        to == null && l == t.left && r == t.right
            ? t
            : new Node(t.offset, t.length, to == null ? t.locator : to, t.payloadOffset, t.priority, l, r);
    memo.put(t, out);
    return out;
  }

  private static int priority(long offset, Locator locator) {
    long h = offset * 0x9E3779B97F4A7C15L ^ (locator.segment() * 0xC2B2AE3D27D4EB4FL + locator.offset());
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }

  private static final class Node {
    final long offset;
    final long length;
    final Locator locator;
    final long payloadOffset;
    final int priority;
    final int count;
    final Node left;
    final Node right;

    Node(long offset, long length, Locator locator, long payloadOffset, int priority, Node left, Node right) {
      this.offset = offset;
      this.length = length;
      this.locator = locator;
      this.payloadOffset = payloadOffset;
      this.priority = priority;
      this.left = left;
      this.right = right;
      this.count = 1 + (left == null ? 0 : left.count) + (right == null ? 0 : right.count);
      ALLOCATED.increment();
    }

    Node withChildren(Node l, Node r) {
      if (l == left && r == right) {
        return this;
      }
      return new Node(offset, length, locator, payloadOffset, priority, l, r);
    }
  }
}
