package io.cairn.volumes;

import io.cairn.blob.Blob;
import io.cairn.blob.BlobStore;
import io.cairn.blob.BlobVersion;
import io.cairn.catalog.Catalog;
import io.cairn.catalog.CatalogException;
import io.cairn.catalog.Snapshot;
import io.cairn.catalog.Volume;
import io.cairn.catalog.VolumeDraft;
import io.cairn.volumes.host.AttachMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link VolumeService} on the catalog and the blob store: a volume is a blob, a snapshot is a
 * version of it (O(1) at any size), a volume from a snapshot is a clone of that version (O(1)).
 *
 * <p>Snapshots outlive their volume: deleting a volume that still has snapshots truncates its blob
 * to nothing (freeing what only the head held) and keeps the blob for the snapshots' versions; the
 * blob goes when its last snapshot goes.
 */
public final class BlobVolumes implements VolumeService {
  private static final Logger LOG = LoggerFactory.getLogger(BlobVolumes.class);

  private final Catalog catalog;
  private final BlobStore blobs;
  private final VolumeSettings settings;
  private final Capacity capacity;
  private final VolumeAttachments attachments;

  public BlobVolumes(Catalog catalog, BlobStore blobs, VolumeSettings settings, Capacity capacity, VolumeAttachments attachments) {
    this.catalog = catalog;
    this.blobs = blobs;
    this.settings = settings;
    this.capacity = capacity;
    this.attachments = attachments;
  }

  @Override
  public VolumeInfo create(Caller caller, long sizeBytes, String snapshotId, String zone, String description, Map<String, String> tags)
      throws VolumeException {
    String az = zone == null ? settings.zones().get(0) : zone;
    if (!settings.zones().contains(az)) {
      throw new VolumeException(VolumeError.ZONE_NOT_FOUND, "The zone '" + az + "' does not exist.");
    }
    Snapshot source = snapshotId == null ? null : visibleSnapshot(caller, snapshotId);
    if (source != null && source.state() != Snapshot.State.COMPLETED) {
      throw new VolumeException(VolumeError.INCORRECT_STATE, "Snapshot '" + snapshotId + "' is " + source.state().apiName() + ", not completed.");
    }
    long size = sizeBytes == 0 && source != null ? source.size() : sizeBytes;
    if (size <= 0) {
      throw new VolumeException(VolumeError.INVALID_PARAMETER, "Volume size must be positive.");
    }
    if (source != null && size < source.size()) {
      throw new VolumeException(VolumeError.SIZE_TOO_SMALL,
          "Volume of " + size + " bytes is smaller than snapshot '" + snapshotId + "' (" + source.size() + " bytes).");
    }
    checkCapacity(size);
    Volume v;
    try {
      v = catalog.volumes().create(new VolumeDraft(caller.user(), size, description, az, snapshotId, tags));
    } catch (CatalogException e) {
      throw Views.error(e, VolumeError.VOLUME_NOT_FOUND);
    }
    try {
      Blob blob;
      if (source != null) {
        blob = blobs.cloneOf(blobs.version(source.blobId(), source.blobVersion()));
        if (size > blob.size()) {
          blob.resize(size);
          blob.sync();
        }
      } else {
        blob = blobs.create(size);
      }
      catalog.volumes().setBlob(v.id(), blob.blobId());
      v = catalog.volumes().transition(v.id(), EnumSet.of(Volume.State.CREATING), Volume.State.AVAILABLE, null);
    } catch (IOException e) {
      LOG.error("creating volume {} failed", v.id(), e);
      markError(v.id(), e);
      throw new VolumeException(VolumeError.INTERNAL, "Creating volume " + v.id() + " failed: " + e.getMessage(), e);
    }
    return Views.volume(v, List.of(), settings.nbdHost());
  }

  private void checkCapacity(long size) throws VolumeException {
    try {
      long promised = 0;
      for (Volume v : catalog.volumes().list()) {
        promised += v.size();
      }
      long limit = (long) (capacity.availableBytes() * settings.overcommit());
      if (promised + size > limit) {
        throw new VolumeException(VolumeError.INSUFFICIENT_CAPACITY,
            "There is not enough capacity for a volume of " + size + " bytes (" + promised + " promised of " + limit + ").");
      }
    } catch (IOException e) {
      throw new VolumeException(VolumeError.INTERNAL, "cannot read free space: " + e.getMessage(), e);
    }
  }

  private void markError(String volumeId, Exception cause) {
    try {
      catalog.volumes().transition(volumeId, EnumSet.of(Volume.State.CREATING), Volume.State.ERROR, cause.getMessage());
    } catch (CatalogException e) {
      LOG.error("cannot mark volume {} as error", volumeId, e);
    }
  }

  @Override
  public void delete(Caller caller, String volumeId) throws VolumeException {
    Volume v = visibleVolume(caller, volumeId);
    if (v.state() == Volume.State.IN_USE) {
      throw new VolumeException(VolumeError.VOLUME_IN_USE, "Volume " + volumeId + " is currently attached.");
    }
    try {
      catalog.volumes().transition(volumeId, EnumSet.of(Volume.State.AVAILABLE, Volume.State.ERROR, Volume.State.DELETING), Volume.State.DELETING, null);
      if (v.blobId() != 0) {
        if (catalog.snapshots().listByVolume(volumeId).isEmpty()) {
          blobs.delete(v.blobId());
        } else {
          // Snapshots still read this blob's versions: drop only what the head alone holds.
          Blob head = blobs.open(v.blobId());
          head.resize(0);
          head.sync();
        }
      }
      catalog.volumes().delete(volumeId);
    } catch (CatalogException e) {
      throw Views.error(e, VolumeError.VOLUME_NOT_FOUND);
    } catch (IOException e) {
      throw new VolumeException(VolumeError.INTERNAL, "Deleting volume " + volumeId + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public VolumeInfo get(Caller caller, String volumeId) throws VolumeException {
    Volume v = visibleVolume(caller, volumeId);
    return info(v);
  }

  @Override
  public Page<VolumeInfo> describe(Caller caller, VolumeQuery query) throws VolumeException {
    List<VolumeInfo> all = new ArrayList<>();
    try {
      for (Volume v : caller.root() ? catalog.volumes().list() : catalog.volumes().listByOwner(caller.user())) {
        all.add(info(v));
      }
    } catch (CatalogException e) {
      throw Views.error(e, VolumeError.VOLUME_NOT_FOUND);
    }
    return VolumeFilters.apply(all, query, VolumeInfo::id, BlobVolumes::attribute, VolumeError.VOLUME_NOT_FOUND, "volume");
  }

  private static List<String> attribute(VolumeInfo v, String name) {
    return switch (name) {
      case "volume-id" -> List.of(v.id());
      case "status" -> List.of(v.state().code());
      case "size" -> List.of(Long.toString(v.sizeGib()));
      case "availability-zone" -> List.of(v.zone());
      case "snapshot-id" -> v.snapshotId() == null ? List.of() : List.of(v.snapshotId());
      case "volume-type" -> List.of("gp3");
      case "encrypted" -> List.of("false");
      case "owner-id" -> List.of(v.owner());
      case "attachment.instance-id" -> v.attachments().stream().map(AttachmentInfo::vm).toList();
      case "attachment.status" -> v.attachments().stream().map(AttachmentInfo::state).toList();
      case "attachment.device" -> v.attachments().stream().map(AttachmentInfo::device).toList();
      default -> VolumeFilters.tagFilter(v.tags(), name);
    };
  }

  @Override
  public VolumeInfo resize(Caller caller, String volumeId, long newSizeBytes) throws VolumeException {
    Volume v = visibleVolume(caller, volumeId);
    if (newSizeBytes < v.size()) {
      throw new VolumeException(VolumeError.SIZE_TOO_SMALL, "New size " + newSizeBytes + " is smaller than the volume's " + v.size() + " bytes; volumes only grow.");
    }
    if (newSizeBytes == v.size()) {
      return info(v);
    }
    checkCapacity(newSizeBytes - v.size());
    try {
      Blob blob = blobs.open(v.blobId());
      blob.resize(newSizeBytes);
      blob.sync();
      return info(catalog.volumes().setSize(volumeId, newSizeBytes));
    } catch (CatalogException e) {
      throw Views.error(e, VolumeError.VOLUME_NOT_FOUND);
    } catch (IOException e) {
      throw new VolumeException(VolumeError.INTERNAL, "Resizing volume " + volumeId + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public SnapshotInfo snapshot(Caller caller, String volumeId, String description, Map<String, String> tags) throws VolumeException {
    Volume v = visibleVolume(caller, volumeId);
    if (v.state() != Volume.State.AVAILABLE && v.state() != Volume.State.IN_USE) {
      throw new VolumeException(VolumeError.INCORRECT_STATE, "Volume " + volumeId + " is " + v.state().apiName() + ".");
    }
    Snapshot s;
    try {
      s = catalog.snapshots().create(volumeId, caller.user(), description, tags);
    } catch (CatalogException e) {
      throw Views.error(e, VolumeError.VOLUME_NOT_FOUND);
    }
    try {
      // Crash-consistent: every write acknowledged to an NBD client returned from Blob.write before
      // this call, so the version holds it; snapshot() syncs before returning.
      BlobVersion version = blobs.open(v.blobId()).snapshot();
      return Views.snapshot(catalog.snapshots().complete(s.id(), v.blobId(), version.number()));
    } catch (IOException e) {
      try {
        catalog.snapshots().fail(s.id(), e.getMessage());
      } catch (CatalogException again) {
        e.addSuppressed(again);
      }
      throw new VolumeException(VolumeError.INTERNAL, "Snapshot of " + volumeId + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void deleteSnapshot(Caller caller, String snapshotId) throws VolumeException {
    Snapshot s = visibleSnapshot(caller, snapshotId);
    try {
      if (s.state() == Snapshot.State.COMPLETED) {
        blobs.deleteVersion(blobs.version(s.blobId(), s.blobVersion()));
      }
      catalog.snapshots().delete(snapshotId);
      boolean volumeGone = catalog.volumes().find(s.volumeId()).isEmpty();
      boolean lastSnapshot = catalog.snapshots().listByVolume(s.volumeId()).stream().noneMatch(o -> o.blobId() == s.blobId());
      if (volumeGone && lastSnapshot && s.blobId() != 0) {
        blobs.delete(s.blobId());
      }
    } catch (CatalogException e) {
      throw Views.error(e, VolumeError.SNAPSHOT_NOT_FOUND);
    } catch (IOException e) {
      throw new VolumeException(VolumeError.INTERNAL, "Deleting snapshot " + snapshotId + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Page<SnapshotInfo> describeSnapshots(Caller caller, VolumeQuery query) throws VolumeException {
    List<SnapshotInfo> all = new ArrayList<>();
    try {
      for (Snapshot s : caller.root() ? catalog.snapshots().list() : catalog.snapshots().listByOwner(caller.user())) {
        all.add(Views.snapshot(s));
      }
    } catch (CatalogException e) {
      throw Views.error(e, VolumeError.SNAPSHOT_NOT_FOUND);
    }
    return VolumeFilters.apply(all, query, SnapshotInfo::id, (s, name) -> switch (name) {
      case "snapshot-id" -> List.of(s.id());
      case "volume-id" -> List.of(s.volumeId());
      case "status" -> List.of(s.state());
      case "description" -> List.of(s.description() == null ? "" : s.description());
      case "owner-id" -> caller.user().equals(s.owner()) ? List.of(s.owner(), "self") : List.of(s.owner());
      case "volume-size" -> List.of(Long.toString((s.sizeBytes() + VolumeInfo.GIB - 1) / VolumeInfo.GIB));
      default -> VolumeFilters.tagFilter(s.tags(), name);
    }, VolumeError.SNAPSHOT_NOT_FOUND, "snapshot");
  }

  @Override
  public AttachmentInfo attach(Caller caller, String volumeId, String host, String vm, String device, AttachMode mode) throws VolumeException {
    return attachments.attach(visibleVolume(caller, volumeId), host, vm, device, mode);
  }

  @Override
  public AttachmentInfo detach(Caller caller, String volumeId, String vm, boolean force) throws VolumeException {
    return attachments.detach(visibleVolume(caller, volumeId), vm, force);
  }

  @Override
  public List<String> zones() {
    return settings.zones();
  }

  @Override
  public String region() {
    return settings.region();
  }

  private VolumeInfo info(Volume v) throws VolumeException {
    try {
      return Views.volume(v, catalog.attachments().listByVolume(v.id()), settings.nbdHost());
    } catch (CatalogException e) {
      throw Views.error(e, VolumeError.VOLUME_NOT_FOUND);
    }
  }

  /** The volume, if it exists and the caller may see it; someone else's reads as not found. */
  private Volume visibleVolume(Caller caller, String volumeId) throws VolumeException {
    try {
      Volume v = catalog.volumes().find(volumeId).orElse(null);
      if (v == null || !caller.mayUse(v.owner())) {
        throw new VolumeException(VolumeError.VOLUME_NOT_FOUND, "The volume '" + volumeId + "' does not exist.");
      }
      return v;
    } catch (CatalogException e) {
      throw Views.error(e, VolumeError.VOLUME_NOT_FOUND);
    }
  }

  private Snapshot visibleSnapshot(Caller caller, String snapshotId) throws VolumeException {
    try {
      Snapshot s = catalog.snapshots().find(snapshotId).orElse(null);
      if (s == null || !caller.mayUse(s.owner())) {
        throw new VolumeException(VolumeError.SNAPSHOT_NOT_FOUND, "The snapshot '" + snapshotId + "' does not exist.");
      }
      return s;
    } catch (CatalogException e) {
      throw Views.error(e, VolumeError.SNAPSHOT_NOT_FOUND);
    }
  }
}
