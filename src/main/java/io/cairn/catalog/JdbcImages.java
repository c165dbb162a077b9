package io.cairn.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class JdbcImages implements Images {
  private static final String COLUMNS = "id, name, owner, format, description, created_ms, tags";
  private static final String VERSION_COLUMNS =
      "image_id, version, blob_id, blob_version, size, created_ms";

  private final Database db;
  private final Clock clock;
  private final IdSource ids;

  JdbcImages(Database db, Clock clock, IdSource ids) {
    this.db = db;
    this.clock = clock;
    this.ids = ids;
  }

  @Override
  public Image create(
      String name, String owner, String format, String description, Map<String, String> tags)
      throws CatalogException {
    JdbcUsers.requireText(name, "image name");
    JdbcUsers.requireText(owner, "owner");
    JdbcUsers.requireText(format, "format");
    Image image =
        new Image(
            ids.resource("img"), name, owner, format, description, clock.instant(),
            tags == null ? Map.of() : Map.copyOf(tags));
    return db.write(
        tx -> {
          if (findByName(tx, owner, name).isPresent()) {
            throw new AlreadyExistsException("image " + name + " already exists");
          }
          tx.update(
              "INSERT INTO images (" + COLUMNS + ", next_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              image.id(), name, owner, format, description, image.created(),
              JsonColumns.ofMap(image.tags()), 1);
          return image;
        });
  }

  @Override
  public Optional<Image> find(String id) throws CatalogException {
    return db.read(tx -> find(tx, id));
  }

  @Override
  public Image get(String id) throws CatalogException {
    return find(id).orElseThrow(() -> missing(id));
  }

  @Override
  public Optional<Image> findByName(String owner, String name) throws CatalogException {
    return db.read(tx -> findByName(tx, owner, name));
  }

  @Override
  public List<Image> list() throws CatalogException {
    return db.read(
        tx -> tx.list("SELECT " + COLUMNS + " FROM images ORDER BY owner, name", JdbcImages::image));
  }

  @Override
  public List<Image> listByOwner(String owner) throws CatalogException {
    return db.read(
        tx ->
            tx.list(
                "SELECT " + COLUMNS + " FROM images WHERE owner = ? ORDER BY name",
                JdbcImages::image,
                owner));
  }

  @Override
  public ImageVersion addVersion(String imageId, long blobId, long blobVersion, long size)
      throws CatalogException {
    return db.write(
        tx -> {
          require(tx, imageId);
          // A counter on the image, not MAX(version): numbers of deleted versions are never
          // handed out again, so a client holding "version 3" never silently gets other bytes.
          long next =
              tx.scalar("SELECT next_version FROM images WHERE id = ?", 1, imageId);
          tx.update("UPDATE images SET next_version = ? WHERE id = ?", next + 1, imageId);
          ImageVersion version =
              new ImageVersion(
                  imageId, (int) next, blobId, blobVersion, size, clock.instant());
          tx.update(
              "INSERT INTO image_versions (" + VERSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
              imageId, version.version(), blobId, blobVersion, size, version.created());
          return version;
        });
  }

  @Override
  public List<ImageVersion> versions(String imageId) throws CatalogException {
    return db.read(
        tx -> {
          require(tx, imageId);
          return tx.list(
              "SELECT " + VERSION_COLUMNS + " FROM image_versions WHERE image_id = ?"
                  + " ORDER BY version",
              JdbcImages::version,
              imageId);
        });
  }

  @Override
  public Optional<ImageVersion> version(String imageId, int version) throws CatalogException {
    return db.read(
        tx -> {
          require(tx, imageId);
          return version(tx, imageId, version);
        });
  }

  @Override
  public Optional<ImageVersion> latestVersion(String imageId) throws CatalogException {
    return db.read(
        tx -> {
          require(tx, imageId);
          return tx.one(
              "SELECT " + VERSION_COLUMNS + " FROM image_versions WHERE image_id = ?"
                  + " ORDER BY version DESC LIMIT 1",
              JdbcImages::version,
              imageId);
        });
  }

  @Override
  public ImageVersion deleteVersion(String imageId, int version) throws CatalogException {
    return db.write(
        tx -> {
          require(tx, imageId);
          ImageVersion removed =
              version(tx, imageId, version)
                  .orElseThrow(
                      () -> new NotFoundException("no version " + version + " of " + imageId));
          tx.update(
              "DELETE FROM image_versions WHERE image_id = ? AND version = ?", imageId, version);
          return removed;
        });
  }

  @Override
  public List<ImageVersion> delete(String imageId) throws CatalogException {
    return db.write(
        tx -> {
          require(tx, imageId);
          List<ImageVersion> versions =
              tx.list(
                  "SELECT " + VERSION_COLUMNS + " FROM image_versions WHERE image_id = ?"
                      + " ORDER BY version",
                  JdbcImages::version,
                  imageId);
          tx.update("DELETE FROM image_versions WHERE image_id = ?", imageId);
          tx.update("DELETE FROM images WHERE id = ?", imageId);
          return versions;
        });
  }

  private static Optional<ImageVersion> version(Tx tx, String imageId, int version)
      throws SQLException {
    return tx.one(
        "SELECT " + VERSION_COLUMNS + " FROM image_versions WHERE image_id = ? AND version = ?",
        JdbcImages::version,
        imageId,
        version);
  }

  private static Optional<Image> find(Tx tx, String id) throws SQLException {
    return tx.one("SELECT " + COLUMNS + " FROM images WHERE id = ?", JdbcImages::image, id);
  }

  private static Optional<Image> findByName(Tx tx, String owner, String name)
      throws SQLException {
    return tx.one(
        "SELECT " + COLUMNS + " FROM images WHERE owner = ? AND name = ?",
        JdbcImages::image,
        owner,
        name);
  }

  private static void require(Tx tx, String id) throws SQLException, NotFoundException {
    if (!tx.exists("SELECT 1 FROM images WHERE id = ?", id)) {
      throw missing(id);
    }
  }

  private static NotFoundException missing(String id) {
    return new NotFoundException("no image " + id);
  }

  private static Image image(ResultSet rs) throws SQLException {
    return new Image(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("owner"),
        rs.getString("format"),
        rs.getString("description"),
        Tx.instant(rs, "created_ms"),
        JsonColumns.map(rs.getString("tags")));
  }

  private static ImageVersion version(ResultSet rs) throws SQLException {
    return new ImageVersion(
        rs.getString("image_id"),
        rs.getInt("version"),
        rs.getLong("blob_id"),
        rs.getLong("blob_version"),
        rs.getLong("size"),
        Tx.instant(rs, "created_ms"));
  }
}
