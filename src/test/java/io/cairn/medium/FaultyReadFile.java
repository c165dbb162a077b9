package io.cairn.medium;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A {@link ReadFile} of a {@link FaultyMedium}: injects read faults, dies with a crash. */
final class FaultyReadFile extends FaultyHandle implements ReadFile {
  private final ReadFile in;

  FaultyReadFile(FaultyMedium medium, String name, ReadFile in, long bornIn) {
    super(medium, name, bornIn);
    this.in = in;
  }

  @Override
  public void readFully(long position, ByteBuffer dst) throws IOException {
    medium.enter();
    try {
      checkAlive();
      medium.maybeFail(FaultyMedium.Op.READ, name);
      in.readFully(position, dst);
    } finally {
      medium.exit();
    }
  }

  @Override
  public long length() throws IOException {
    medium.enter();
    try {
      checkAlive();
      return in.length();
    } finally {
      medium.exit();
    }
  }

  @Override
  public void close() throws IOException {
    medium.enter();
    try {
      if (closed) {
        return;
      }
      closed = true;
      medium.forget(this);
      // Closing a reader promises nothing, so after a crash (delegate already closed) it is quiet,
      // letting tests close what they held before the "power loss" without catching.
      in.close();
    } finally {
      medium.exit();
    }
  }

  @Override
  void release() throws IOException {
    in.close();
  }
}
