package io.cairn.catalog;

/**
 * A write whose COMMIT ran but could not be confirmed: the COMMIT statement failed part way, or it
 * returned and the fsync that makes it durable failed. The rows may be visible to readers now and
 * may or may not be there after a restart. A caller must not report the write as stored, and must
 * not undo what the rows would refer to either (such as deleting the blob a new object row names):
 * if they survive, they would point at nothing. What the write left unreferenced is reclaimed the
 * way every orphan is (the blob store's orphan collection against {@link Catalog#referencedBlobIds}).
 */
public class CommitOutcomeUnknownException extends CatalogException {
  private static final long serialVersionUID = 1L;

  public CommitOutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether {@code failure}, or an exception it was caused by, is one of these. */
  public static boolean in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CommitOutcomeUnknownException) {
        return true;
      }
    }
    return false;
  }
}
