package io.cairn.log;

import io.cairn.medium.AppendFile;
import io.cairn.medium.Medium;
import io.cairn.medium.ReadFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The format marker of a log's medium: the file {@code log-format}, holding the record format
 * version ({@link RecordFormat#VERSION}) as text. Every open checks it, and writes it when it is
 * missing or older.
 *
 * <p>Why: a build that meets records of a format it does not know takes them for a torn tail in
 * the newest segment and drops them at recovery, synced ones included. With the marker it refuses
 * to open the log instead, and loses nothing. Builds from before the marker (record format 1 only)
 * do not read it; the README says so.
 */
final class LogFormat {
  static final String NAME = "log-format";

  private LogFormat() {}

  /** Throws if the log on {@code medium} was written in a newer format; marks it as ours otherwise. */
  static void check(Medium medium) throws IOException {
    if (medium.exists(NAME)) {
      String text = read(medium).trim();
      if (!text.isEmpty()) { // empty: a crash before the marker was synced
        int version;
        try {
          version = Integer.parseInt(text);
        } catch (NumberFormatException e) {
          throw new CorruptRecordException("unreadable log format marker " + NAME + ": \"" + text + "\"");
        }
        if (version > RecordFormat.VERSION) {
          throw new IOException("the log in " + medium.uri() + " is in record format " + version
              + ", written by a newer Cairn; this one reads formats up to " + RecordFormat.VERSION
              + ". Nothing was changed.");
        }
        if (version == RecordFormat.VERSION) {
          return;
        }
      }
      medium.delete(NAME);
    }
    try (AppendFile f = medium.create(NAME)) {
      f.append(ByteBuffer.wrap((RecordFormat.VERSION + "\n").getBytes(StandardCharsets.US_ASCII)));
      f.sync();
    }
  }

  private static String read(Medium medium) throws IOException {
    try (ReadFile in = medium.open(NAME)) {
      ByteBuffer b = ByteBuffer.allocate((int) Math.min(64, in.length()));
      in.readFully(0, b);
      return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
    }
  }
}
