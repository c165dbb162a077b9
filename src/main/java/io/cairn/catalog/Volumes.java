package io.cairn.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Block volumes. Ids are {@code vol-} and 17 random hex digits, unique across servers. Every
 * mutation is one transaction, durable when it returns. Safe for concurrent use. {@link
 * Volume.State#IN_USE} belongs to {@link Attachments}: it is set by the first attachment and
 * cleared by the last detach, and cannot be entered or left through {@link #transition}.
 * Unknown ids fail with {@link NotFoundException}.
 */
public interface Volumes {

  /** A new volume in state {@code CREATING} with no blob yet. */
  Volume create(VolumeDraft draft) throws CatalogException;

  Optional<Volume> find(String id) throws CatalogException;

  /** @throws NotFoundException if there is no such volume */
  Volume get(String id) throws CatalogException;

  /** All volumes ordered by id. */
  List<Volume> list() throws CatalogException;

  List<Volume> listByOwner(String owner) throws CatalogException;

  /**
   * Compare-and-set of the state: moves to {@code to} (with {@code reason}, null unless an error)
   * only if the current state is in {@code from}.
   *
   * @throws ConflictException if the current state is not in {@code from}, or is {@code IN_USE}
   * @throws IllegalArgumentException if {@code to} is {@code IN_USE}
   */
  Volume transition(String id, Set<Volume.State> from, Volume.State to, String reason)
      throws CatalogException;

  /** Records the blob holding the volume's data. */
  Volume setBlob(String id, long blobId) throws CatalogException;

  /** Records a new size (ModifyVolume); the caller resizes the blob. */
  Volume setSize(String id, long size) throws CatalogException;

  /** Replaces all tags. */
  Volume setTags(String id, Map<String, String> tags) throws CatalogException;

  /**
   * Removes the volume row and returns it (its blob is the caller's to delete).
   *
   * @throws ConflictException if the volume is in use or has any attachment
   */
  Volume delete(String id) throws CatalogException;
}
