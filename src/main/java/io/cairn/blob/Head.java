package io.cairn.blob;

import io.cairn.log.Locator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole state of one live blob at one point of its history: size, content and retained
 * versions. Immutable; a mutation replaces the blob's head under its lock. The same transitions
 * serve live operations and crash replay, so both give the same state for the same records.
 */
record Head(long size, ExtentMap map, List<Version> versions, long nextVersion) {

  /** A retained version: the size and content the blob had when it was snapshotted. */
  record Version(long number, long size, ExtentMap map) {}

  static Head created(long size) {
    return new Head(size, ExtentMap.EMPTY, List.of(), 1);
  }

  static Head cloned(Version source) {
    return new Head(source.size(), source.map(), List.of(), 1);
  }

  Head write(long offset, long length, Locator at, long payloadOffset) {
    return new Head(Math.max(size, offset + length), map.put(offset, length, at, payloadOffset), versions, nextVersion);
  }

  /** Zeroing writes zeros: like a write it grows the size when it ends past it. */
  Head zero(long offset, long length) {
    return new Head(Math.max(size, offset + length), map.punch(offset, length), versions, nextVersion);
  }

  Head link(long offset, long length, List<ExtentMap.Entry> entries) {
    return new Head(Math.max(size, offset + length), map.replace(offset, length, entries), versions, nextVersion);
  }

  Head resize(long newSize) {
    return new Head(newSize, newSize < size ? map.truncate(newSize) : map, versions, nextVersion);
  }

  Head snapshot(long number) {
    List<Version> vs = new ArrayList<>(versions.size() + 1);
    vs.addAll(versions);
    vs.add(new Version(number, size, map));
    return new Head(size, map, List.copyOf(vs), number + 1);
  }

  Head deleteVersion(long number) {
    List<Version> vs = new ArrayList<>(versions);
    vs.removeIf(v -> v.number() == number);
    return new Head(size, map, List.copyOf(vs), nextVersion);
  }

  /** The retained version {@code number}, or null. */
  Version version(long number) {
    for (Version v : versions) {
      if (v.number() == number) {
        return v;
      }
    }
    return null;
  }

  Head relocate(Map<Locator, Locator> moves, Map<Object, Object> memo) {
    ExtentMap m = map.relocate(moves, memo);
    m.withCheckpointRelocated(moves);
    List<Version> vs = versions;
    if (!versions.isEmpty()) {
      List<Version> moved = new ArrayList<>(versions.size());
      for (Version v : versions) {
        ExtentMap vm = v.map() == map ? m : v.map().relocate(moves, memo);
        vm.withCheckpointRelocated(moves);
        moved.add(vm == v.map() ? v : new Version(v.number(), v.size(), vm));
      }
      vs = List.copyOf(moved);
    }
    return m == map && vs.equals(versions) ? this : new Head(size, m, vs, nextVersion);
  }
}
