package io.cairn.catalog;

/** The named row (user, bucket, object version, upload, volume, ...) does not exist. */
public class NotFoundException extends CatalogException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
