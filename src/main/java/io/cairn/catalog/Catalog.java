package io.cairn.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Cairn's control-plane metadata: the entry point that opens the database, brings its schema up to
 * date (Flyway, migrations in {@code db/migration}) and hands out the domain interfaces.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Back ends</b> by URL: {@code jdbc:sqlite:PATH} (embedded default: WAL journal, {@code
 *       synchronous=NORMAL} with the WAL fsynced by the catalog before a write returns, foreign
 *       keys on, one in-process writer and a pool of readers) or {@code
 *       jdbc:postgresql://...} (several servers; write transactions SERIALIZABLE and retried on
 *       serialization failure).
 *   <li><b>Durability</b>: every mutating call is one transaction, and returns only after its commit
 *       is on stable storage (SQLite: {@link WalSync} fsyncs the WAL after the commit, outside
 *       the writer lock, before the call returns).
 *   <li><b>Errors</b>: {@link CatalogException} and its subclasses {@link NotFoundException},
 *       {@link AlreadyExistsException}, {@link ConflictException}; never a {@code SQLException}.
 *       Bad arguments (empty names, negative sizes) are {@link IllegalArgumentException}s.
 *   <li><b>Threads</b>: everything is safe for concurrent use, virtual threads included.
 *   <li><b>Ids</b> of new volumes, snapshots, attachments, images, uploads and versions are random,
 *       so they never collide between servers; timestamps come from the injected clock.
 * </ul>
 */
public final class Catalog implements AutoCloseable {

  /**
   * How many rows the catalog may keep in memory, on a database one process owns ({@link
   * Dialect#ownedByOneProcess}: SQLite); on PostgreSQL, shared by several servers, nothing is
   * cached whatever this says. A cache answers exactly as the database would: every write
   * through this catalog invalidates what it changes after its commit, race-safely.
   *
   * @param maxBuckets bucket rows (with their sub-resource documents); 0: no bucket cache
   * @param maxEntryBytes an estimate of the heap the latest object entries may hold; 0: none
   * @param maxKeys access keys (with their users and secrets) and users by id; 0: none
   */
  public record Caching(long maxBuckets, long maxEntryBytes, long maxKeys) {
    /**
     * The default: caches on, up to 10,000 buckets, 10,000 keys, and entries up to a sixteenth
     * of the maximum heap (between 16 MiB and 1 GiB). Entries carry the inline bodies of small
     * objects, so this is the server's cache of small objects too: sized with the heap, as the
     * page cache that serves a file-system store grows with the machine's memory.
     */
    public static final Caching DEFAULT = new Caching(10_000,
        Math.clamp(Runtime.getRuntime().maxMemory() / 16, 16L << 20, 1L << 30), 10_000);
    /** Nothing cached: every read goes to the database. */
    public static final Caching OFF = new Caching(0, 0, 0);

    public Caching {
      if (maxBuckets < 0 || maxEntryBytes < 0 || maxKeys < 0) {
        throw new IllegalArgumentException("negative cache bound");
      }
    }
  }

  /** A unit of work for {@link #inTransaction}. */
  public interface Work<T> {
    T run() throws IOException;
  }

  private static final int SQLITE_READERS = 4;
  private static final int POSTGRES_CONNECTIONS = 8;
  private static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;

  private final Database db;
  private final Users users;
  private final Buckets buckets;
  private final JdbcObjectEntries objects;
  private final MultipartUploads uploads;
  private final Volumes volumes;
  private final Snapshots snapshots;
  private final Attachments attachments;
  private final Hosts hosts;
  private final Images images;
  private final Leases leases;
  private final ObjectLocks objectLocks;

  private Catalog(Database db, Clock clock, RandomGenerator random, Caching caching) {
    IdSource ids = new IdSource(random);
    boolean cached = db.dialect().ownedByOneProcess();
    this.db = db;
    LatestEntries entries = cached && caching.maxEntryBytes() > 0
        ? LatestEntries.of(db, caching.maxEntryBytes()) : LatestEntries.OFF;
    Users plainUsers = new JdbcUsers(db, clock, ids);
    this.users = cached && caching.maxKeys() > 0
        ? new CachedUsers(plainUsers, db, caching.maxKeys()) : plainUsers;
    Buckets plain = new JdbcBuckets(db, clock, entries);
    this.buckets = cached && caching.maxBuckets() > 0
        ? new CachedBuckets(plain, db, caching.maxBuckets()) : plain;
    this.objects = new JdbcObjectEntries(db, clock, ids, entries);
    this.uploads = new JdbcMultipartUploads(db, clock, ids, objects);
    this.volumes = new JdbcVolumes(db, clock, ids);
    this.snapshots = new JdbcSnapshots(db, clock, ids);
    this.attachments = new JdbcAttachments(db, clock, ids);
    this.hosts = new JdbcHosts(db, clock);
    this.images = new JdbcImages(db, clock, ids);
    this.leases = new JdbcLeases(db, clock);
    this.objectLocks = new JdbcObjectLocks(db, entries);
  }

  /** Opens a catalog with the system clock and a {@link SecureRandom} for ids. */
  public static Catalog open(String jdbcUrl) throws CatalogException {
    return open(jdbcUrl, Clock.systemUTC(), new SecureRandom());
  }

  /**
   * Opens (creating if needed) the catalog at a JDBC URL and migrates its schema. For SQLite the
   * parent directory of the file is created.
   */
  public static Catalog open(String jdbcUrl, Clock clock, RandomGenerator random)
      throws CatalogException {
    return open(jdbcUrl, clock, random, Caching.DEFAULT);
  }

  /** {@link #open(String, Clock, RandomGenerator)} with these caches. */
  public static Catalog open(String jdbcUrl, Clock clock, RandomGenerator random,
      Caching caching) throws CatalogException {
    Dialect dialect = Dialect.ofUrl(jdbcUrl);
    if (dialect == Dialect.SQLITE) {
      return openSqlite(jdbcUrl, clock, random, caching);
    }
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setURL(jdbcUrl);
    return open(source, clock, random, caching);
  }

  /** The embedded default: a SQLite file. */
  public static Catalog open(Path sqliteFile, Clock clock, RandomGenerator random)
      throws CatalogException {
    return open(sqliteFile, clock, random, Caching.DEFAULT);
  }

  /** The embedded default, a SQLite file, with these caches. */
  public static Catalog open(Path sqliteFile, Clock clock, RandomGenerator random,
      Caching caching) throws CatalogException {
    return open("jdbc:sqlite:" + sqliteFile.toAbsolutePath(), clock, random, caching);
  }

  /**
   * Opens a catalog on a DataSource (PostgreSQL, or SQLite when given one); the dialect is read
   * from the database's metadata. The catalog keeps up to {@value #POSTGRES_CONNECTIONS}
   * connections from it open until closed.
   */
  public static Catalog open(DataSource source, Clock clock, RandomGenerator random)
      throws CatalogException {
    return open(source, clock, random, Caching.DEFAULT);
  }

  /** {@link #open(DataSource, Clock, RandomGenerator)} with these caches. */
  public static Catalog open(DataSource source, Clock clock, RandomGenerator random,
      Caching caching) throws CatalogException {
    return open(source, clock, random, caching, null);
  }

  /**
   * @param walSync for an SQLite database opened at {@code synchronous=NORMAL}: what makes its
   *     commits durable (null: the database's commits are durable by themselves)
   */
  private static Catalog open(DataSource source, Clock clock, RandomGenerator random,
      Caching caching, WalSync walSync) throws CatalogException {
    Dialect dialect;
    try (Connection connection = source.getConnection()) {
      dialect = Dialect.ofProduct(connection.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      throw new CatalogException("cannot connect to the catalog database", e);
    }
    migrate(source, dialect);
    SessionPool.ConnectionSource connections =
        () -> {
          Connection connection = source.getConnection();
          dialect.prepareConnection(connection);
          return connection;
        };
    Database db =
        dialect.serializesWrites()
            ? new Database(
                dialect,
                new GroupCommit(dialect, connections, walSync),
                new SessionPool(connections, SQLITE_READERS))
            : new Database(dialect, new SessionPool(connections, POSTGRES_CONNECTIONS));
    return new Catalog(db, clock, random, caching);
  }

  private static Catalog openSqlite(String jdbcUrl, Clock clock, RandomGenerator random,
      Caching caching) throws CatalogException {
    String file = jdbcUrl.substring("jdbc:sqlite:".length());
    int query = file.indexOf('?');
    if (query >= 0) {
      file = file.substring(0, query);
    }
    if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file::memory:")) {
      throw new IllegalArgumentException(
          "the SQLite catalog needs a file (readers and the writer share it): " + jdbcUrl);
    }
    Path path;
    try {
      path = Path.of(file).toAbsolutePath();
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      if (!Files.exists(path)) {
        // The catalog holds secret keys: owner-only from the start (SQLite gives its -wal and
        // -shm files the database file's permissions).
        createPrivateFile(path);
      }
    } catch (IOException | java.nio.file.InvalidPathException e) {
      throw new CatalogException("cannot create the catalog directory for " + jdbcUrl, e);
    }
    SQLiteDataSource source = new SQLiteDataSource(sqliteConfig());
    source.setUrl(jdbcUrl);
    return open(source, clock, random, caching, new WalSync(path));
  }

  /** How the embedded catalog's SQLite connections are opened. */
  static SQLiteConfig sqliteConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // NORMAL: a commit writes the WAL without syncing it; WalSync fsyncs the WAL after the commit
    // and outside the writer lock, and no write returns before that (see GroupCommit). SQLite
    // still syncs the WAL before every checkpoint, so the database file never gets unsynced pages.
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    // The driver otherwise prepares and runs "SELECT last_insert_rowid()" after every INSERT, for
    // getGeneratedKeys(), which the catalog never calls (its keys are its own): a second statement
    // per row written, about 4% of a small PUT's CPU in a profile.
    config.setGetGeneratedKeys(false);
    return config;
  }

  private static void createPrivateFile(Path path) throws IOException {
    // On a file system without POSIX permissions the file is as private as its directory.
    boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
    try {
      if (posix) {
        Files.createFile(path,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(path);
      }
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      // another process created it first; its permissions stand
    }
  }

  private static void migrate(DataSource source, Dialect dialect) throws CatalogException {
    try {
      Flyway.configure(Catalog.class.getClassLoader())
          .dataSource(source)
          .locations("classpath:db/migration")
          .placeholders(dialect.placeholders())
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new CatalogException("catalog schema migration failed: " + e.getMessage(), e);
    }
  }

  public Users users() {
    return users;
  }

  public Buckets buckets() {
    return buckets;
  }

  public ObjectEntries objects() {
    return objects;
  }

  /** S3 Object Lock: the retention and legal hold of object versions. */
  public ObjectLocks objectLocks() {
    return objectLocks;
  }

  public MultipartUploads multipartUploads() {
    return uploads;
  }

  /**
   * Every blob id a row refers to: objects (every version), multipart parts, volumes, snapshots and
   * image versions (0, "no blob yet", included). A blob store holding a blob outside this set holds
   * garbage: a blob written by a request that crashed before its catalog commit, or one whose
   * delayed deletion a restart forgot.
   */
  public java.util.Set<Long> referencedBlobIds() throws CatalogException {
    return db.read(tx -> new java.util.HashSet<>(tx.list(
        "SELECT blob_id FROM objects UNION SELECT blob_id FROM multipart_parts UNION SELECT blob_id FROM volumes"
            + " UNION SELECT blob_id FROM snapshots UNION SELECT blob_id FROM image_versions",
        rs -> rs.getLong(1))));
  }

  public Volumes volumes() {
    return volumes;
  }

  public Snapshots snapshots() {
    return snapshots;
  }

  public Attachments attachments() {
    return attachments;
  }

  public Hosts hosts() {
    return hosts;
  }

  public Images images() {
    return images;
  }

  public Leases leases() {
    return leases;
  }

  Database database() {
    return db;
  }

  /**
   * {commits issued, write transactions run} since the catalog opened, on a database whose
   * writers share commits (SQLite); their ratio is the grouping achieved. Null otherwise.
   */
  public long[] groupCommitCounts() {
    return db.groupCommitCounts();
  }

  public Dialect dialect() {
    return db.dialect();
  }

  /**
   * Runs {@code work} as one write transaction: every catalog call it makes on this thread joins
   * it, and either all of them commit (durably, before this returns) or, if {@code work} throws,
   * none does. On PostgreSQL {@code work} may run more than once (serialization retries), so it
   * must have no effects outside the catalog. Do not hand the work to other threads, and keep it
   * short: on SQLite it holds the single writer, so every other write waits for it.
   */
  public <T> T inTransaction(Work<T> work) throws IOException {
    return db.run(true, tx -> work.run());
  }

  /** Closes all connections, waiting briefly for running transactions. */
  @Override
  public void close() {
    db.close();
  }
}
