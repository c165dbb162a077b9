package io.cairn.medium;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/** An {@link AppendFile} of a {@link FaultyMedium}: injects faults, counts synced bytes. */
final class FaultyAppendFile extends FaultyHandle implements AppendFile {
  private final AppendFile out;
  private final FaultyMedium.FileState state;

  FaultyAppendFile(FaultyMedium medium, String name, AppendFile out, FaultyMedium.FileState state, long bornIn) {
    super(medium, name, bornIn);
    this.out = out;
    this.state = state;
  }

  private void checkOpen() throws IOException {
    checkAlive();
    if (closed) {
      throw new ClosedChannelException();
    }
  }

  @Override
  public void append(ByteBuffer src) throws IOException {
    medium.enter();
    try {
      checkOpen();
      try {
        medium.maybeFail(FaultyMedium.Op.APPEND, name);
      } catch (InjectedFaultException e) {
        if (medium.partialAppends() && src.remaining() > 1) {
          appendPrefix(src, medium.drawLong(src.remaining()));
        }
        throw e;
      }
      long granted = medium.reserve(src.remaining());
      if (granted < src.remaining()) {
        appendPrefix(src, granted);
        throw new InjectedFaultException("No space left on device");
      }
      out.append(src);
    } finally {
      medium.exit();
    }
  }

  private void appendPrefix(ByteBuffer src, long n) throws IOException {
    if (n > 0) {
      ByteBuffer part = src.slice(src.position(), (int) n);
      out.append(part);
      src.position(src.position() + (int) n);
    }
  }

  @Override
  public long length() {
    return out.length();
  }

  @Override
  public void flush() throws IOException {
    medium.enter();
    try {
      checkOpen();
      medium.maybeFail(FaultyMedium.Op.FLUSH, name);
      out.flush();
    } finally {
      medium.exit();
    }
  }

  @Override
  public void sync() throws IOException {
    medium.enter();
    try {
      checkOpen();
      medium.maybeFail(FaultyMedium.Op.SYNC, name);
      syncDelegate();
    } finally {
      medium.exit();
    }
  }

  private void syncDelegate() throws IOException {
    long length = out.length();
    out.sync();
    state.synced = Math.max(state.synced, length);
    state.durable = true;
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
      checkAlive();
      try {
        // A failing close leaves the file released but its tail not durable.
        medium.maybeFail(FaultyMedium.Op.SYNC, name);
        syncDelegate();
      } finally {
        out.close();
      }
    } finally {
      medium.exit();
    }
  }

  @Override
  void release() throws IOException {
    out.close();
  }
}
