package io.cairn.nbd;

/**
 * An {@link ExportResolver} will not serve the named export. The message is shown to the client, so
 * it must not reveal anything the client may not know.
 */
public class ExportRefusedException extends Exception {

  /** Why; each renders as its own NBD option error. */
  public enum Reason {
    /** No such export (NBD_REP_ERR_UNKNOWN). */
    UNKNOWN,
    /** The export exists but is not attached to this client in a servable mode (NBD_REP_ERR_POLICY). */
    FORBIDDEN
  }

  private final Reason reason;

  public ExportRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
