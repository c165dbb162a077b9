package io.cairn.volumes;

import io.cairn.blob.BlobStore;
import io.cairn.catalog.Attachment;
import io.cairn.catalog.Catalog;
import io.cairn.catalog.CatalogException;
import io.cairn.catalog.Volume;
import io.cairn.nbd.BlockExport;
import io.cairn.nbd.ExportListing;
import io.cairn.nbd.ExportRefusedException;
import io.cairn.nbd.ExportResolver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which volumes the NBD listener serves, and how: a volume is exported (export name = volume id)
 * only while it has an attachment; read-write if that attachment is {@code rw}, read-only if all
 * its attachments are {@code ro} (read-only sharing among many VMs).
 */
public final class VolumeExports implements ExportResolver {
  private final Catalog catalog;
  private final BlobStore blobs;

  public VolumeExports(Catalog catalog, BlobStore blobs) {
    this.catalog = catalog;
    this.blobs = blobs;
  }

  @Override
  public BlockExport open(String name) throws ExportRefusedException, IOException {
    Volume v;
    List<Attachment> attachments;
    try {
      v = catalog.volumes().find(name).orElse(null);
      if (v == null) {
        throw new ExportRefusedException(ExportRefusedException.Reason.UNKNOWN, "no export named " + name);
      }
      attachments = catalog.attachments().listByVolume(name);
    } catch (CatalogException e) {
      throw new IOException("catalog failure: " + e.getMessage(), e);
    }
    if (attachments.isEmpty()) {
      throw new ExportRefusedException(ExportRefusedException.Reason.FORBIDDEN, "volume " + name + " is not attached");
    }
    boolean readOnly = attachments.stream().noneMatch(a -> a.mode() == Attachment.Mode.RW);
    String description = v.description() == null ? "" : v.description();
    return new BlobExport(blobs.open(v.blobId()), v.size(), readOnly, description, () -> {});
  }

  @Override
  public List<ExportListing> list() throws IOException {
    List<ExportListing> out = new ArrayList<>();
    try {
      for (Attachment a : catalog.attachments().list()) {
        if (out.stream().noneMatch(e -> e.name().equals(a.volumeId()))) {
          out.add(new ExportListing(a.volumeId(), ""));
        }
      }
    } catch (CatalogException e) {
      throw new IOException("catalog failure: " + e.getMessage(), e);
    }
    return out;
  }
}
