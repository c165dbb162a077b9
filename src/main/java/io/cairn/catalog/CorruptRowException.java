package io.cairn.catalog;

/**
 * Something read from the catalog fails its own checksum (say an inline object body whose CRC32C
 * does not match): the database returned bytes other than those stored. Never retried and never
 * answered with the bad data; front ends report a storage error.
 */
public class CorruptRowException extends CatalogException {
  private static final long serialVersionUID = 1L;

  public CorruptRowException(String message) {
    super(message);
  }
}
