package io.cairn.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class JdbcAttachments implements Attachments {
  private static final String COLUMNS =
      "id, volume_id, host, vm, device, mode, state, created_ms, steps";

  private final Database db;
  private final Clock clock;
  private final IdSource ids;

  JdbcAttachments(Database db, Clock clock, IdSource ids) {
    this.db = db;
    this.clock = clock;
    this.ids = ids;
  }

  @Override
  public Attachment attach(
      String volumeId, String host, String vm, String device, Attachment.Mode mode)
      throws CatalogException {
    JdbcUsers.requireText(vm, "vm");
    JdbcUsers.requireText(device, "device");
    if (mode == null) {
      throw new IllegalArgumentException("attachment mode is required");
    }
    return db.write(
        tx -> {
          // SQLite: the whole check-then-insert runs under the single writer. PostgreSQL: the
          // transaction is SERIALIZABLE, so a racing attach that read the same rows is aborted
          // and retried, and then sees this one.
          Volume volume =
              JdbcVolumes.find(tx, volumeId).orElseThrow(() -> JdbcVolumes.missing(volumeId));
          if (JdbcHosts.find(tx, host).isEmpty()) {
            throw JdbcHosts.missing(host);
          }
          if (volume.state() != Volume.State.AVAILABLE && volume.state() != Volume.State.IN_USE) {
            throw new ConflictException(
                "volume " + volumeId + " is " + volume.state().apiName() + ", not available");
          }
          for (Attachment other : byColumn(tx, "volume_id", volumeId)) {
            if (mode == Attachment.Mode.RW || other.mode() == Attachment.Mode.RW) {
              throw new ConflictException(
                  "volume "
                      + volumeId
                      + " is attached "
                      + other.mode().apiName()
                      + " to "
                      + other.vm()
                      + "; a read-write attachment is exclusive");
            }
            if (other.host().equals(host) && other.vm().equals(vm)) {
              throw new ConflictException("volume " + volumeId + " is already attached to " + vm);
            }
          }
          if (tx.exists(
              "SELECT 1 FROM attachments WHERE host = ? AND vm = ? AND device = ?",
              host,
              vm,
              device)) {
            throw new ConflictException("device " + device + " of " + vm + " is taken");
          }
          Attachment attachment =
              new Attachment(
                  ids.resource("att"),
                  volumeId,
                  host,
                  vm,
                  device,
                  mode,
                  Attachment.State.ATTACHING,
                  clock.instant(),
                  List.of());
          tx.update(
              "INSERT INTO attachments (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
              attachment.id(),
              volumeId,
              host,
              vm,
              device,
              mode,
              attachment.state(),
              attachment.created(),
              JsonColumns.ofList(attachment.steps()));
          if (volume.state() != Volume.State.IN_USE) {
            JdbcVolumes.setState(tx, volumeId, Volume.State.IN_USE, null);
          }
          return attachment;
        });
  }

  @Override
  public Optional<Attachment> find(String id) throws CatalogException {
    return db.read(tx -> find(tx, id));
  }

  @Override
  public Attachment get(String id) throws CatalogException {
    return find(id).orElseThrow(() -> missing(id));
  }

  @Override
  public Attachment recordStep(String id, String step) throws CatalogException {
    JdbcUsers.requireText(step, "step");
    return db.write(
        tx -> {
          Attachment attachment = find(tx, id).orElseThrow(() -> missing(id));
          List<String> steps = new ArrayList<>(attachment.steps());
          steps.add(step);
          tx.update(
              "UPDATE attachments SET steps = ? WHERE id = ?", JsonColumns.ofList(steps), id);
          return find(tx, id).orElseThrow(() -> missing(id));
        });
  }

  @Override
  public Attachment setState(String id, Attachment.State state) throws CatalogException {
    return db.write(
        tx -> {
          if (tx.update("UPDATE attachments SET state = ? WHERE id = ?", state, id) == 0) {
            throw missing(id);
          }
          return find(tx, id).orElseThrow(() -> missing(id));
        });
  }

  @Override
  public Attachment detach(String id) throws CatalogException {
    return db.write(
        tx -> {
          Attachment attachment = find(tx, id).orElseThrow(() -> missing(id));
          tx.update("DELETE FROM attachments WHERE id = ?", id);
          if (!tx.exists("SELECT 1 FROM attachments WHERE volume_id = ?", attachment.volumeId())) {
            JdbcVolumes.setState(tx, attachment.volumeId(), Volume.State.AVAILABLE, null);
          }
          return attachment;
        });
  }

  @Override
  public List<Attachment> listByVolume(String volumeId) throws CatalogException {
    return db.read(tx -> byColumn(tx, "volume_id", volumeId));
  }

  @Override
  public List<Attachment> listByHost(String host) throws CatalogException {
    return db.read(tx -> byColumn(tx, "host", host));
  }

  @Override
  public List<Attachment> list() throws CatalogException {
    return db.read(
        tx ->
            tx.list(
                "SELECT " + COLUMNS + " FROM attachments ORDER BY created_ms, id",
                JdbcAttachments::attachment));
  }

  private static List<Attachment> byColumn(Tx tx, String column, String value)
      throws SQLException {
    return tx.list(
        "SELECT " + COLUMNS + " FROM attachments WHERE " + column + " = ? ORDER BY created_ms, id",
        JdbcAttachments::attachment,
        value);
  }

  private static Optional<Attachment> find(Tx tx, String id) throws SQLException {
    return tx.one(
        "SELECT " + COLUMNS + " FROM attachments WHERE id = ?", JdbcAttachments::attachment, id);
  }

  private static NotFoundException missing(String id) {
    return new NotFoundException("no attachment " + id);
  }

  private static Attachment attachment(ResultSet rs) throws SQLException {
    return new Attachment(
        rs.getString("id"),
        rs.getString("volume_id"),
        rs.getString("host"),
        rs.getString("vm"),
        rs.getString("device"),
        Attachment.Mode.valueOf(rs.getString("mode")),
        Attachment.State.valueOf(rs.getString("state")),
        Tx.instant(rs, "created_ms"),
        JsonColumns.list(rs.getString("steps")));
  }
}
