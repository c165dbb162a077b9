package io.cairn.catalog;

import java.nio.file.Path;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.io.TempDir;

/** The catalog contract on the embedded default: a SQLite file in WAL mode. */
class SqliteCatalogTest extends CatalogContractTest {
  @TempDir Path dir;

  @Override
  protected Catalog open(Clock clock, RandomGenerator random) throws Exception {
    return Catalog.open(dir.resolve("meta/catalog.db"), clock, random);
  }
}
