package io.cairn.volumes;

/** Who asks: an authenticated user, and whether it is root (which sees and acts on everything). */
public record Caller(String user, boolean root) {
  /** True if this caller may see and act on something owned by {@code owner}. */
  public boolean mayUse(String owner) {
    return root || user.equals(owner);
  }
}
