package io.cairn.volumes;

import io.cairn.catalog.Attachment;
import io.cairn.catalog.CatalogException;
import io.cairn.catalog.ConflictException;
import io.cairn.catalog.NotFoundException;
import io.cairn.catalog.Snapshot;
import io.cairn.catalog.Volume;
import io.cairn.volumes.host.AttachMode;
import java.util.List;

/** Turns catalog rows into what users see, and catalog failures into volume errors. */
final class Views {
  private Views() {}

  static VolumeInfo volume(Volume v, List<Attachment> attachments, String nbdHost) {
    VolumeState state = switch (v.state()) {
      case CREATING -> VolumeState.CREATING;
      case AVAILABLE -> VolumeState.AVAILABLE;
      case IN_USE -> VolumeState.IN_USE;
      case DELETING -> VolumeState.DELETING;
      case ERROR -> VolumeState.ERROR;
    };
    return new VolumeInfo(v.id(), v.owner(), v.size(), state, v.stateReason(), v.description(), v.availabilityZone(),
        v.sourceSnapshotId(), v.created(), v.tags(), attachments.stream().map(Views::attachment).toList());
  }

  static AttachmentInfo attachment(Attachment a) {
    return new AttachmentInfo(a.volumeId(), a.host(), a.vm(), a.device(), mode(a.mode()), a.state().apiName(), a.created(), a.volumeId());
  }

  static SnapshotInfo snapshot(Snapshot s) {
    return new SnapshotInfo(s.id(), s.volumeId(), s.owner(), s.size(), s.state().apiName(), s.description(), s.created(), s.tags());
  }

  static AttachMode mode(Attachment.Mode m) {
    return m == Attachment.Mode.RW ? AttachMode.RW : AttachMode.RO;
  }

  static Attachment.Mode mode(AttachMode m) {
    return m == AttachMode.RW ? Attachment.Mode.RW : Attachment.Mode.RO;
  }

  /** A catalog failure as a volume error: expected outcomes keep their meaning, the rest is internal. */
  static VolumeException error(CatalogException e, VolumeError notFound) {
    if (e instanceof NotFoundException) {
      return new VolumeException(notFound, e.getMessage(), e);
    }
    if (e instanceof ConflictException) {
      return new VolumeException(VolumeError.INCORRECT_STATE, e.getMessage(), e);
    }
    return new VolumeException(VolumeError.INTERNAL, "catalog failure: " + e.getMessage(), e);
  }
}
