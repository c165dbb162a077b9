package io.cairn.catalog;

import java.time.Duration;
import java.util.Optional;

/**
 * Exclusive, time-limited ownership of named resources among servers sharing one catalog (an open
 * volume's block map is served by one server at a time). A lease is valid until its expiry by the
 * injected clock; servers' clocks must agree to well within the lease length (NTP). Holders must
 * renew before expiry and must stop using the resource once a renewal fails. Every call is one
 * transaction, durable on return; safe for concurrent use: of two servers racing for a free
 * resource exactly one gets it.
 */
public interface Leases {

  /**
   * Takes or renews the lease on {@code resource} for {@code ttl} from now. Succeeds when the
   * resource is free, its lease expired, or {@code holder} already holds it.
   *
   * @throws ConflictException if another holder's lease has not expired
   */
  Lease acquire(String resource, String holder, Duration ttl) throws CatalogException;

  /** Gives the lease up; false when {@code holder} did not hold it (expired, taken or never). */
  boolean release(String resource, String holder) throws CatalogException;

  /** The unexpired lease on {@code resource}, if any. */
  Optional<Lease> find(String resource) throws CatalogException;
}
