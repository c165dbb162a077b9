package io.cairn.s3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.ContentSinkOutputStream;
import org.eclipse.jetty.util.Blocker;

/**
 * A response body as a blocking stream that also takes ByteBuffers: a direct buffer goes to the
 * socket as it is, where a byte array would first be copied into one by the JDK. Not thread safe.
 */
final class ResponseChannel extends ContentSinkOutputStream implements WritableByteChannel {
  private final Content.Sink sink;

  ResponseChannel(Content.Sink sink) {
    super(sink);
    this.sink = sink;
  }

  /** Writes all of {@code src}; returns once the sink is done with it (the buffer may be reused). */
  @Override
  public int write(ByteBuffer src) throws IOException {
    int n = src.remaining();
    try (Blocker.Callback callback = Blocker.callback()) {
      sink.write(false, src, callback);
      callback.block();
    }
    return n;
  }

  @Override
  public boolean isOpen() {
    return true;
  }
}
