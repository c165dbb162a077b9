package io.cairn.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The catalog contract: every interface and invariant, run against every back end. The tests live
 * in the {@code *Contract} interfaces (one per domain) as default methods; a back end extends this
 * class and supplies only {@link #open}: a catalog on a fresh, empty database for each test, the
 * same database every time it is called within one test (for reopen tests).
 */
abstract class CatalogContractTest
    implements TransactionsContract,
        UsersContract,
        BucketsContract,
        ObjectEntriesContract,
        ObjectListingContract,
        FilteredListingContract,
        MultipartUploadsContract,
        VolumesContract,
        AttachmentsContract,
        HostsAndImagesContract,
        LeasesContract,
        ObjectLocksContract,
        InlineBodiesContract {

  private final TickingClock clock = new TickingClock(Instant.parse("2026-01-02T03:04:05Z"));
  private final RandomGenerator random = new Random(20261121L);
  private Catalog catalog;

  /** A catalog on this test's database (fresh for each test, the same across calls in one). */
  protected abstract Catalog open(Clock clock, RandomGenerator random) throws Exception;

  @BeforeEach
  void openCatalog() throws Exception {
    catalog = open(clock, random);
  }

  @AfterEach
  void closeCatalog() {
    if (catalog != null) {
      catalog.close();
    }
  }

  @Override
  public Catalog catalog() {
    return catalog;
  }

  @Override
  public TickingClock clock() {
    return clock;
  }

  @Override
  public Catalog reopen() throws Exception {
    catalog.close();
    catalog = open(clock, random);
    return catalog;
  }
}
