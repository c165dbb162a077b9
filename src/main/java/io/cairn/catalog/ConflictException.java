package io.cairn.catalog;

/**
 * The operation would break an invariant given the current state (bucket not empty, volume in use,
 * read-write attachment while read-only ones exist, unexpected state); nothing was changed.
 */
public class ConflictException extends CatalogException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}
