package io.cairn.catalog;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The catalog contract on PostgreSQL: a throwaway cluster for the class, a fresh database per
 * test. Skipped (not failed) where no PostgreSQL is installed ({@code apt-get install postgresql}).
 */
class PostgresCatalogTest extends CatalogContractTest {
  private static PostgresCluster cluster;
  private DataSource database;

  @BeforeAll
  static void startCluster() throws Exception {
    Optional<Path> bin = PostgresCluster.installation();
    assumeTrue(bin.isPresent(), "PostgreSQL is not installed");
    cluster = PostgresCluster.start(bin.get());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  protected Catalog open(Clock clock, RandomGenerator random) throws Exception {
    if (database == null) {
      database = cluster.newDatabase();
    }
    return Catalog.open(database, clock, random);
  }
}
