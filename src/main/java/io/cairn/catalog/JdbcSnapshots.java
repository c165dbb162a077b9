package io.cairn.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class JdbcSnapshots implements Snapshots {
  private static final String COLUMNS =
      "id, volume_id, owner, blob_id, blob_version, size, description, state, state_reason,"
          + " progress, created_ms, tags";

  private final Database db;
  private final Clock clock;
  private final IdSource ids;

  JdbcSnapshots(Database db, Clock clock, IdSource ids) {
    this.db = db;
    this.clock = clock;
    this.ids = ids;
  }

  @Override
  public Snapshot create(
      String volumeId, String owner, String description, Map<String, String> tags)
      throws CatalogException {
    JdbcUsers.requireText(owner, "owner");
    return db.write(
        tx -> {
          Volume volume =
              JdbcVolumes.find(tx, volumeId).orElseThrow(() -> JdbcVolumes.missing(volumeId));
          Snapshot snapshot =
              new Snapshot(
                  ids.resource("snap"),
                  volumeId,
                  owner,
                  volume.blobId(),
                  0,
                  volume.size(),
                  description,
                  Snapshot.State.PENDING,
                  null,
                  0,
                  clock.instant(),
                  tags == null ? Map.of() : Map.copyOf(tags));
          tx.update(
              "INSERT INTO snapshots (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              snapshot.id(),
              volumeId,
              owner,
              snapshot.blobId(),
              0L,
              snapshot.size(),
              description,
              snapshot.state(),
              null,
              0,
              snapshot.created(),
              JsonColumns.ofMap(snapshot.tags()));
          return snapshot;
        });
  }

  @Override
  public Optional<Snapshot> find(String id) throws CatalogException {
    return db.read(tx -> find(tx, id));
  }

  @Override
  public Snapshot get(String id) throws CatalogException {
    return find(id).orElseThrow(() -> missing(id));
  }

  @Override
  public List<Snapshot> list() throws CatalogException {
    return db.read(tx -> tx.list("SELECT " + COLUMNS + " FROM snapshots ORDER BY id", JdbcSnapshots::snapshot));
  }

  @Override
  public List<Snapshot> listByOwner(String owner) throws CatalogException {
    return listWhere("owner", owner);
  }

  @Override
  public List<Snapshot> listByVolume(String volumeId) throws CatalogException {
    return listWhere("volume_id", volumeId);
  }

  @Override
  public Snapshot setProgress(String id, int percent) throws CatalogException {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("progress " + percent + "% not in 0..100");
    }
    return whilePending(id, "UPDATE snapshots SET progress = ? WHERE id = ?", percent, id);
  }

  @Override
  public Snapshot complete(String id, long blobId, long blobVersion) throws CatalogException {
    return whilePending(
        id,
        "UPDATE snapshots SET blob_id = ?, blob_version = ?, state = ?, progress = ? WHERE id = ?",
        blobId,
        blobVersion,
        Snapshot.State.COMPLETED,
        100,
        id);
  }

  @Override
  public Snapshot fail(String id, String reason) throws CatalogException {
    return whilePending(
        id,
        "UPDATE snapshots SET state = ?, state_reason = ? WHERE id = ?",
        Snapshot.State.ERROR,
        reason,
        id);
  }

  @Override
  public Snapshot setTags(String id, Map<String, String> tags) throws CatalogException {
    return db.write(
        tx -> {
          if (tx.update("UPDATE snapshots SET tags = ? WHERE id = ?", JsonColumns.ofMap(tags), id)
              == 0) {
            throw missing(id);
          }
          return find(tx, id).orElseThrow(() -> missing(id));
        });
  }

  @Override
  public Snapshot delete(String id) throws CatalogException {
    return db.write(
        tx -> {
          Snapshot snapshot = find(tx, id).orElseThrow(() -> missing(id));
          tx.update("DELETE FROM snapshots WHERE id = ?", id);
          return snapshot;
        });
  }

  private List<Snapshot> listWhere(String column, String value) throws CatalogException {
    return db.read(
        tx ->
            tx.list(
                "SELECT " + COLUMNS + " FROM snapshots WHERE " + column + " = ? ORDER BY id",
                JdbcSnapshots::snapshot,
                value));
  }

  private Snapshot whilePending(String id, String sql, Object... args) throws CatalogException {
    return db.write(
        tx -> {
          Snapshot snapshot = find(tx, id).orElseThrow(() -> missing(id));
          if (snapshot.state() != Snapshot.State.PENDING) {
            throw new ConflictException("snapshot " + id + " is " + snapshot.state().apiName());
          }
          tx.update(sql, args);
          return find(tx, id).orElseThrow(() -> missing(id));
        });
  }

  private static Optional<Snapshot> find(Tx tx, String id) throws SQLException {
    return tx.one("SELECT " + COLUMNS + " FROM snapshots WHERE id = ?", JdbcSnapshots::snapshot, id);
  }

  private static NotFoundException missing(String id) {
    return new NotFoundException("no snapshot " + id);
  }

  private static Snapshot snapshot(ResultSet rs) throws SQLException {
    return new Snapshot(
        rs.getString("id"),
        rs.getString("volume_id"),
        rs.getString("owner"),
        rs.getLong("blob_id"),
        rs.getLong("blob_version"),
        rs.getLong("size"),
        rs.getString("description"),
        Snapshot.State.valueOf(rs.getString("state")),
        rs.getString("state_reason"),
        rs.getInt("progress"),
        Tx.instant(rs, "created_ms"),
        JsonColumns.map(rs.getString("tags")));
  }
}
