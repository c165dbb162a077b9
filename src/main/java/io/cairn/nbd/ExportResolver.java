package io.cairn.nbd;

import java.io.IOException;
import java.util.List;

/**
 * Turns NBD export names into opened {@link BlockExport}s. The volume service implements this: a
 * volume is served only to an attachment that exists in its mode, or as an explicit admin export.
 * Called concurrently from many connections.
 */
public interface ExportResolver {

  /**
   * Opens {@code name} for one connection (NBD_OPT_GO, NBD_OPT_INFO, NBD_OPT_EXPORT_NAME). The
   * caller closes the returned export when the connection ends, or at once after NBD_OPT_INFO.
   *
   * @throws ExportRefusedException the export does not exist or may not be served to this client
   * @throws IOException opening failed (the client sees an error and may retry)
   */
  BlockExport open(String name) throws ExportRefusedException, IOException;

  /** The exports NBD_OPT_LIST shows, in display order; may omit exports the policy hides. */
  List<ExportListing> list() throws IOException;
}
