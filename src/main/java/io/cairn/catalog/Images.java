package io.cairn.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * VM images and their versions. Ids are {@code img-} and 17 random hex digits; names are unique
 * per owner. Version numbers start at 1 and are never reused while the image exists. Every mutation
 * is one transaction, durable when it returns. Safe for concurrent use. Unknown ids fail with
 * {@link NotFoundException}.
 */
public interface Images {

  /** @throws AlreadyExistsException if the owner already has an image of that name */
  Image create(
      String name, String owner, String format, String description, Map<String, String> tags)
      throws CatalogException;

  Optional<Image> find(String id) throws CatalogException;

  /** @throws NotFoundException if there is no such image */
  Image get(String id) throws CatalogException;

  Optional<Image> findByName(String owner, String name) throws CatalogException;

  /** All images ordered by owner then name. */
  List<Image> list() throws CatalogException;

  List<Image> listByOwner(String owner) throws CatalogException;

  /** Adds the next version (highest number so far plus one). */
  ImageVersion addVersion(String imageId, long blobId, long blobVersion, long size)
      throws CatalogException;

  /** Versions oldest first. */
  List<ImageVersion> versions(String imageId) throws CatalogException;

  Optional<ImageVersion> version(String imageId, int version) throws CatalogException;

  Optional<ImageVersion> latestVersion(String imageId) throws CatalogException;

  /** Removes one version and returns it (its blob version is the caller's to delete). */
  ImageVersion deleteVersion(String imageId, int version) throws CatalogException;

  /** Removes the image and all its versions, returned (their blobs are the caller's). */
  List<ImageVersion> delete(String imageId) throws CatalogException;
}
