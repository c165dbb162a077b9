package io.cairn.log;

import java.io.IOException;

/** Receives the headers of valid records during a {@link RecordLog#scan}. */
@FunctionalInterface
public interface RecordVisitor {
  void visit(RecordHeader header, Locator at) throws IOException;
}
