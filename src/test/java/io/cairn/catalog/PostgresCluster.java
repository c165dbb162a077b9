package io.cairn.catalog;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throwaway PostgreSQL cluster for tests: {@code initdb} into a temporary directory, {@code
 * pg_ctl start} on a free 127.0.0.1 port, one fresh database per {@link #newDatabase()} call, and
 * everything removed on {@link #close()}. PostgreSQL refuses to run as root, so when the tests run
 * as root the server runs as the {@code postgres} system user. {@code fsync} is off: these tests
 * check the catalog's logic on PostgreSQL, not PostgreSQL's own durability.
 */
final class PostgresCluster implements AutoCloseable {
  private final Path dir;
  private final Path bin;
  private final int port;
  private final boolean asPostgresUser;
  private static final String TEMPLATE = "catalog_template";
  private final AtomicInteger databases = new AtomicInteger();
  private boolean templateReady;

  private PostgresCluster(Path dir, Path bin, int port, boolean asPostgresUser) {
    this.dir = dir;
    this.bin = bin;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** The newest installed PostgreSQL's bin directory, if any. */
  static Optional<Path> installation() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(b -> versionOf(b.getParent())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int versionOf(Path dir) {
    try {
      return Integer.parseInt(dir.getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static PostgresCluster start(Path bin) throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("cairn-pg-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    if (root) {
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    PostgresCluster cluster = new PostgresCluster(dir, bin, port, root);
    cluster.exec(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
        "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
    cluster.exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
        "-l", dir.resolve("log").toString(), "-w", "-t", "60", "-o",
        "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir
            + " -c fsync=off -c full_page_writes=off -c max_connections=60",
        "start"));
    return cluster;
  }

  /**
   * A new database holding the catalog schema. The first call migrates a template database with
   * Flyway (through {@link Catalog#open}); later ones copy it, which is much faster than migrating
   * every test's database.
   */
  synchronized DataSource newDatabase() throws SQLException, CatalogException {
    if (!templateReady) {
      createDatabase(TEMPLATE, "template0");
      Catalog.open(dataSource(TEMPLATE), java.time.Clock.systemUTC(), new java.util.Random()).close();
      templateReady = true;
    }
    String name = "catalog_" + databases.incrementAndGet();
    createDatabase(name, TEMPLATE);
    return dataSource(name);
  }

  /** A JDBC URL of a new database holding the catalog schema. */
  String newDatabaseUrl() throws SQLException, CatalogException {
    newDatabase();
    return "jdbc:postgresql://127.0.0.1:" + port + "/catalog_" + databases.get() + "?user=postgres";
  }

  private void createDatabase(String name, String template) throws SQLException {
    try (Connection admin = dataSource("postgres").getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name + " TEMPLATE " + template + " ENCODING 'UTF8'");
    }
  }

  private DataSource dataSource(String database) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setServerNames(new String[] {"127.0.0.1"});
    source.setPortNumbers(new int[] {port});
    source.setDatabaseName(database);
    source.setUser("postgres");
    return source;
  }

  private void exec(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process process =
        new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(dir.resolve("exec.log").toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(
          "failed: " + String.join(" ", full) + "\n" + Files.readString(dir.resolve("exec.log")));
    }
  }

  @Override
  public void close() throws IOException {
    try {
      exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
          "-m", "immediate", "-w", "stop"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
