/**
 * Cairn's control-plane metadata: users and access keys, buckets, object versions, multipart
 * uploads, volumes, snapshots, attachments, hosts and images, in SQL.
 *
 * <h2>Using it</h2>
 *
 * <pre>{@code
 * try (Catalog catalog = Catalog.open("jdbc:sqlite:" + dataDir.resolve("catalog.db"))) {
 *   Credential c = catalog.users().findByAccessKey(accessKey).orElseThrow(...);
 *   PutOutcome put = catalog.objects().put("bucket", ObjectDraft.of(key, blobId, size, etag, owner));
 *   put.replaced().ifPresent(old -> blobs.delete(old.blobId()));   // after the commit
 *   catalog.inTransaction(() -> { ...several catalog calls, all or nothing... });
 * }
 * }</pre>
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li><b>One interface per domain</b> ({@link io.cairn.catalog.Users}, {@link
 *       io.cairn.catalog.Buckets}, {@link io.cairn.catalog.ObjectEntries}, {@link
 *       io.cairn.catalog.MultipartUploads}, {@link io.cairn.catalog.Volumes}, {@link
 *       io.cairn.catalog.Snapshots}, {@link io.cairn.catalog.Attachments}, {@link
 *       io.cairn.catalog.Hosts}, {@link io.cairn.catalog.Images}, {@link
 *       io.cairn.catalog.Leases}), rows as records, one
 *       package-private JDBC class each. Every method is its own transaction, durable on return,
 *       unless called inside {@link io.cairn.catalog.Catalog#inTransaction}, which it then joins.
 *   <li><b>Errors are checked</b>: {@link io.cairn.catalog.CatalogException} extends {@code
 *       IOException}, like every storage-layer error; {@link io.cairn.catalog.NotFoundException},
 *       {@link io.cairn.catalog.AlreadyExistsException} and {@link
 *       io.cairn.catalog.ConflictException} are the expected outcomes a front end maps to its
 *       protocol's error codes. Invalid arguments are {@code IllegalArgumentException}s.
 *   <li><b>Blobs belong to the caller</b>: outcomes that remove or replace a row return it, and
 *       the caller deletes its blob after the catalog call returned (a crash in between leaks a
 *       blob, never loses live data).
 *   <li><b>ACLs and maps are JSON documents</b> in TEXT columns (grants as {@code
 *       [{"type","id","permission"}]}, owner in its own column): always read and written whole.
 *   <li><b>S3 key order</b> is UTF-8 byte order on every back end ({@code COLLATE "C"} on
 *       PostgreSQL), and listings walk the key index page by page, delimiter roll-up included.
 *   <li><b>Ids</b> ({@code vol-}, {@code snap-}, {@code att-}, {@code img-} + 17 hex digits;
 *       upload and version ids of 32 hex digits; canonical user ids of 64) are random from the
 *       injected generator, so servers sharing a database never collide. Times come from the
 *       injected clock and are stored as epoch milliseconds.
 *   <li><b>SQLite</b> (embedded default): WAL, {@code synchronous=NORMAL} with the WAL fsynced by
 *       {@code WalSync} outside the writer lock before any write returns, foreign keys, busy
 *       timeout; one in-process writer with group commit, four reader connections. <b>PostgreSQL</b>:
 *       SERIALIZABLE write transactions, retried on serialization failure.
 * </ul>
 */
package io.cairn.catalog;
