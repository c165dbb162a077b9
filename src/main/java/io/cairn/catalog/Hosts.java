package io.cairn.catalog;

import java.util.List;
import java.util.Optional;

/** Hypervisor hosts. Every mutation is one transaction, durable on return; thread-safe. */
public interface Hosts {

  /** @throws AlreadyExistsException if the name is taken */
  Host create(String name, Host.Type type, String settings) throws CatalogException;

  Optional<Host> find(String name) throws CatalogException;

  /** @throws NotFoundException if there is no such host */
  Host get(String name) throws CatalogException;

  /** All hosts ordered by name. */
  List<Host> list() throws CatalogException;

  /** Replaces type and settings. @throws NotFoundException if there is no such host */
  Host update(String name, Host.Type type, String settings) throws CatalogException;

  /**
   * @throws NotFoundException if there is no such host
   * @throws ConflictException if volumes are attached to it
   */
  void delete(String name) throws CatalogException;
}
