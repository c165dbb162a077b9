package io.cairn.catalog;

import java.nio.file.Path;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog contract on SQLite with every cache off: the plain JDBC classes the cached ones
 * decorate ({@link SqliteCatalogTest} runs the cached ones, the default).
 */
class SqliteUncachedCatalogTest extends CatalogContractTest {
  @TempDir Path dir;

  @Override
  protected Catalog open(Clock clock, RandomGenerator random) throws Exception {
    return Catalog.open(dir.resolve("meta/catalog.db"), clock, random, Catalog.Caching.OFF);
  }
}
