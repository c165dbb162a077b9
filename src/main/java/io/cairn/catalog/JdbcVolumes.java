package io.cairn.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

final class JdbcVolumes implements Volumes {
  private static final String COLUMNS =
      "id, owner, size, state, state_reason, description, availability_zone, blob_id,"
          + " source_snapshot_id, created_ms, tags";

  private final Database db;
  private final Clock clock;
  private final IdSource ids;

  JdbcVolumes(Database db, Clock clock, IdSource ids) {
    this.db = db;
    this.clock = clock;
    this.ids = ids;
  }

  @Override
  public Volume create(VolumeDraft d) throws CatalogException {
    JdbcUsers.requireText(d.owner(), "owner");
    JdbcUsers.requireText(d.availabilityZone(), "availability zone");
    if (d.size() <= 0) {
      throw new IllegalArgumentException("volume size must be positive");
    }
    Volume volume =
        new Volume(
            ids.resource("vol"),
            d.owner(),
            d.size(),
            Volume.State.CREATING,
            null,
            d.description(),
            d.availabilityZone(),
            0,
            d.sourceSnapshotId(),
            clock.instant(),
            d.tags() == null ? Map.of() : Map.copyOf(d.tags()));
    return db.write(
        tx -> {
          tx.update(
              "INSERT INTO volumes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              volume.id(),
              volume.owner(),
              volume.size(),
              volume.state(),
              null,
              volume.description(),
              volume.availabilityZone(),
              0L,
              volume.sourceSnapshotId(),
              volume.created(),
              JsonColumns.ofMap(volume.tags()));
          return volume;
        });
  }

  @Override
  public Optional<Volume> find(String id) throws CatalogException {
    return db.read(tx -> find(tx, id));
  }

  @Override
  public Volume get(String id) throws CatalogException {
    return find(id).orElseThrow(() -> missing(id));
  }

  @Override
  public List<Volume> list() throws CatalogException {
    return db.read(tx -> tx.list("SELECT " + COLUMNS + " FROM volumes ORDER BY id", JdbcVolumes::volume));
  }

  @Override
  public List<Volume> listByOwner(String owner) throws CatalogException {
    return db.read(
        tx ->
            tx.list(
                "SELECT " + COLUMNS + " FROM volumes WHERE owner = ? ORDER BY id",
                JdbcVolumes::volume,
                owner));
  }

  @Override
  public Volume transition(String id, Set<Volume.State> from, Volume.State to, String reason)
      throws CatalogException {
    if (to == Volume.State.IN_USE) {
      throw new IllegalArgumentException("IN_USE is set by attaching, not by a transition");
    }
    return db.write(
        tx -> {
          Volume volume = find(tx, id).orElseThrow(() -> missing(id));
          if (volume.state() == Volume.State.IN_USE) {
            throw new ConflictException("volume " + id + " is in use");
          }
          if (!from.contains(volume.state())) {
            throw new ConflictException(
                "volume " + id + " is " + volume.state().apiName() + ", expected one of " + from);
          }
          setState(tx, id, to, reason);
          return find(tx, id).orElseThrow(() -> missing(id));
        });
  }

  @Override
  public Volume setBlob(String id, long blobId) throws CatalogException {
    return updateOne(id, "UPDATE volumes SET blob_id = ? WHERE id = ?", blobId, id);
  }

  @Override
  public Volume setSize(String id, long size) throws CatalogException {
    if (size <= 0) {
      throw new IllegalArgumentException("volume size must be positive");
    }
    return updateOne(id, "UPDATE volumes SET size = ? WHERE id = ?", size, id);
  }

  @Override
  public Volume setTags(String id, Map<String, String> tags) throws CatalogException {
    return updateOne(id, "UPDATE volumes SET tags = ? WHERE id = ?", JsonColumns.ofMap(tags), id);
  }

  @Override
  public Volume delete(String id) throws CatalogException {
    return db.write(
        tx -> {
          Volume volume = find(tx, id).orElseThrow(() -> missing(id));
          if (volume.state() == Volume.State.IN_USE
              || tx.exists("SELECT 1 FROM attachments WHERE volume_id = ?", id)) {
            throw new ConflictException("volume " + id + " is in use");
          }
          tx.update("DELETE FROM volumes WHERE id = ?", id);
          return volume;
        });
  }

  private Volume updateOne(String id, String sql, Object... args) throws CatalogException {
    return db.write(
        tx -> {
          if (tx.update(sql, args) == 0) {
            throw missing(id);
          }
          return find(tx, id).orElseThrow(() -> missing(id));
        });
  }

  static void setState(Tx tx, String id, Volume.State state, String reason) throws SQLException {
    tx.update("UPDATE volumes SET state = ?, state_reason = ? WHERE id = ?", state, reason, id);
  }

  static Optional<Volume> find(Tx tx, String id) throws SQLException {
    return tx.one("SELECT " + COLUMNS + " FROM volumes WHERE id = ?", JdbcVolumes::volume, id);
  }

  static NotFoundException missing(String id) {
    return new NotFoundException("no volume " + id);
  }

  private static Volume volume(ResultSet rs) throws SQLException {
    return new Volume(
        rs.getString("id"),
        rs.getString("owner"),
        rs.getLong("size"),
        Volume.State.valueOf(rs.getString("state")),
        rs.getString("state_reason"),
        rs.getString("description"),
        rs.getString("availability_zone"),
        rs.getLong("blob_id"),
        rs.getString("source_snapshot_id"),
        Tx.instant(rs, "created_ms"),
        JsonColumns.map(rs.getString("tags")));
  }
}
