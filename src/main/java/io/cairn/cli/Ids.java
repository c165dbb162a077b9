package io.cairn.cli;

/** Checks ids before they go into a URL path, so a typo fails here with a clear message. */
final class Ids {
  private Ids() {}

  static String volume(String id) throws CliException {
    return check(id, "vol-", "volume");
  }

  static String snapshot(String id) throws CliException {
    return check(id, "snap-", "snapshot");
  }

  private static String check(String id, String prefix, String what) throws CliException {
    if (id == null || !id.startsWith(prefix) || !id.substring(prefix.length()).matches("[0-9a-f]{1,32}")) {
      throw new CliException(ExitCodes.USAGE, "'" + id + "' is not a " + what + " id (" + prefix + "…)");
    }
    return id;
  }
}
