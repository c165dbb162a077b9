package io.cairn.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as people type them: {@code 10GiB}, {@code 512M}, {@code 1T}, or plain bytes. */
final class ByteSize {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|K|KiB|M|MiB|G|GiB|T|TiB)", Pattern.CASE_INSENSITIVE);

  private ByteSize() {}

  static long parse(String text) throws CliException {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new CliException(ExitCodes.USAGE, "'" + text + "' is not a size; write it like 10GiB, 512MiB or 1048576");
    }
    int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
      case "K", "KIB" -> 10;
      case "M", "MIB" -> 20;
      case "G", "GIB" -> 30;
      case "T", "TIB" -> 40;
      default -> 0;
    };
    long n = Long.parseLong(m.group(1));
    if (n > (Long.MAX_VALUE >> shift)) {
      throw new CliException(ExitCodes.USAGE, "'" + text + "' is too large");
    }
    return n << shift;
  }

  static String format(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    double v = bytes;
    while (v >= 1024 && u < units.length - 1 && bytes % (1L << (10 * (u + 1))) == 0) {
      v /= 1024;
      u++;
    }
    return (long) v + units[u];
  }
}
