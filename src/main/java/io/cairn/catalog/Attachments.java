package io.cairn.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Volume attachments, with the sharing rule kept in the same transaction as the insert: a
 * read-write attachment is exclusive; read-only attachments can be many but never coexist with a
 * read-write one. Attaching makes the volume {@code IN_USE}; removing its last attachment makes it
 * {@code AVAILABLE} again. Ids are {@code att-} and 17 random hex digits. Every mutation is one
 * transaction, durable when it returns. Safe for concurrent use: of two racing attaches that
 * cannot both hold, exactly one succeeds.
 */
public interface Attachments {

  /**
   * Records a new attachment in state {@code ATTACHING}.
   *
   * @throws NotFoundException if the volume or the host does not exist
   * @throws ConflictException if the volume is not {@code AVAILABLE} or {@code IN_USE}, if the
   *     mode rule would break, if the volume is already attached to that VM, or if the device is
   *     taken on that VM
   */
  Attachment attach(String volumeId, String host, String vm, String device, Attachment.Mode mode)
      throws CatalogException;

  Optional<Attachment> find(String id) throws CatalogException;

  /** @throws NotFoundException if there is no such attachment */
  Attachment get(String id) throws CatalogException;

  /** Appends an adapter step to the attachment's done list. */
  Attachment recordStep(String id, String step) throws CatalogException;

  Attachment setState(String id, Attachment.State state) throws CatalogException;

  /** Removes the attachment and returns it; the last one makes the volume {@code AVAILABLE}. */
  Attachment detach(String id) throws CatalogException;

  /** A volume's attachments, oldest first. */
  List<Attachment> listByVolume(String volumeId) throws CatalogException;

  /** A host's attachments, oldest first. */
  List<Attachment> listByHost(String host) throws CatalogException;

  /** All attachments, oldest first. */
  List<Attachment> list() throws CatalogException;
}
