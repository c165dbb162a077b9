package io.cairn.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code --key=value} and {@code --flag} arguments, read with typed getters and defaults. */
public final class Options {
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Set<String> read = new TreeSet<>();

  public static Options parse(String... args) {
    Options o = new Options();
    for (String arg : args) {
      if (!arg.startsWith("--") || arg.length() < 3) {
        throw new IllegalArgumentException("expected --key=value or --flag, got " + arg);
      }
      int eq = arg.indexOf('=');
      if (eq < 0) {
        o.values.put(arg.substring(2), "true");
      } else {
        o.values.put(arg.substring(2, eq), arg.substring(eq + 1));
      }
    }
    return o;
  }

  public synchronized String string(String key, String def) {
    read.add(key);
    return values.getOrDefault(key, def);
  }

  public long longValue(String key, long def) {
    String v = string(key, null);
    try {
      return v == null ? def : Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " wants a whole number, got " + v);
    }
  }

  public int intValue(String key, int def) {
    return Math.toIntExact(longValue(key, def));
  }

  public boolean flag(String key) {
    return Boolean.parseBoolean(string(key, "false"));
  }

  /** All arguments as given, for the results file. */
  public synchronized Map<String, String> asMap() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Arguments that no benchmark asked for (likely typos), once the run is over. */
  public synchronized Set<String> unread() {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(read);
    return unknown;
  }
}
