package io.cairn.server;

import java.io.IOException;

/** Builds one part of the server (a handler, a listener) from the server's context, at start. */
@FunctionalInterface
public interface Mount<T> {
    T create(ServerContext context) throws IOException;
}
