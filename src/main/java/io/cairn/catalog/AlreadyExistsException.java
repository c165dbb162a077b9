package io.cairn.catalog;

/** A row with the same unique name or id already exists; nothing was changed. */
public class AlreadyExistsException extends CatalogException {
  private static final long serialVersionUID = 1L;

  public AlreadyExistsException(String message) {
    super(message);
  }
}
