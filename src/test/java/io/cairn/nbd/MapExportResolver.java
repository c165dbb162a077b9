package io.cairn.nbd;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test fixture: a fixed set of named exports, and names that exist but are refused. */
public final class MapExportResolver implements ExportResolver {

  /** Opens a fresh export object per connection (e.g. a new file handle). */
  @FunctionalInterface
  public interface Opener {
    BlockExport open() throws IOException;
  }

  private final Map<String, Opener> exports = new LinkedHashMap<>();
  private final Map<String, String> descriptions = new LinkedHashMap<>();
  private final List<String> forbidden = new ArrayList<>();

  /** The same object for every connection; its close() must tolerate that. */
  public MapExportResolver add(String name, BlockExport export) {
    exports.put(name, () -> export);
    descriptions.put(name, export.description());
    return this;
  }

  public MapExportResolver add(String name, String description, Opener opener) {
    exports.put(name, opener);
    descriptions.put(name, description);
    return this;
  }

  public MapExportResolver forbid(String name) {
    forbidden.add(name);
    return this;
  }

  @Override
  public BlockExport open(String name) throws ExportRefusedException, IOException {
    Opener opener;
    synchronized (this) {
      opener = exports.get(name);
    }
    if (forbidden.contains(name)) {
      throw new ExportRefusedException(
          ExportRefusedException.Reason.FORBIDDEN, "volume is not attached to this client");
    }
    if (opener == null) {
      throw new ExportRefusedException(ExportRefusedException.Reason.UNKNOWN, "no such export");
    }
    return opener.open();
  }

  @Override
  public synchronized List<ExportListing> list() {
    return descriptions.entrySet().stream()
        .map(e -> new ExportListing(e.getKey(), e.getValue()))
        .toList();
  }
}
