package io.cairn.catalog;

import java.io.IOException;

/**
 * A catalog operation failed. Checked and an {@link IOException}, like every storage-layer error in
 * Cairn, so the front ends convert it once at their edge. No {@code SQLException} ever crosses the
 * catalog's interfaces: driver errors arrive here as the cause of a plain {@code CatalogException}
 * (database unreachable, disk full, corrupt file), the expected outcomes as the subclasses
 * {@link NotFoundException}, {@link AlreadyExistsException} and {@link ConflictException}.
 */
public class CatalogException extends IOException {
  private static final long serialVersionUID = 1L;

  public CatalogException(String message) {
    super(message);
  }

  public CatalogException(String message, Throwable cause) {
    super(message, cause);
  }
}
