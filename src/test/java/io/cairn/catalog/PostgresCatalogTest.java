package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    // Never a silent skip: bin/test installs PostgreSQL; without it this suite fails.
    assertThat(bin).as("PostgreSQL server binaries (apt-get install -y postgresql; bin/test installs it)").isPresent();
    cluster = PostgresCluster.start(bin.get());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void open_byJdbcUrl_usesPostgresDialect() throws Exception {
    try (Catalog byUrl =
        Catalog.open(cluster.newDatabaseUrl(), Clock.systemUTC(), new java.util.Random(1))) {
      assertThat(byUrl.dialect()).isEqualTo(Dialect.POSTGRESQL);
      byUrl.buckets().create("b", "o", "us-east-1", null);
      assertThat(byUrl.buckets().get("b").owner()).isEqualTo("o");
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
