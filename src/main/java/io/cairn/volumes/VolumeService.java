package io.cairn.volumes;

import io.cairn.volumes.host.AttachMode;
import java.util.List;
import java.util.Map;

/**
 * EBS semantics over blobs: a volume is a blob, a snapshot is one of its versions, a volume made
 * from a snapshot is a clone. Every front end (EC2 Query API, REST, CLI, NBD) goes through here.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Callers</b>: {@code caller} is the authenticated user name; {@code root} sees and acts on
 *       everything, other users only on what they own. Someone else's volume is reported as not
 *       found, not as forbidden, so ids of others' volumes do not leak.
 *   <li><b>States</b>: creating → available → in-use (while attached) → available; deleting →
 *       deleted; error with a reason. Create checks free space before it promises anything.
 *   <li><b>Durability</b>: every method that returns has made its effect durable (catalog committed,
 *       blob synced); a snapshot holds every write acknowledged before it was called.
 *   <li><b>Attachments</b>: a {@code rw} attachment is exclusive; a volume may have many {@code ro}
 *       attachments; anything else is refused with {@link VolumeError#ATTACHMENT_CONFLICT}. Attach
 *       runs the host's adapter; if a step fails, the steps done are rolled back and nothing is
 *       recorded.
 *   <li><b>Errors</b>: {@link VolumeException} with a {@link VolumeError}.
 *   <li>Thread safe.
 * </ul>
 */
public interface VolumeService {

  VolumeInfo create(Caller caller, long sizeBytes, String snapshotId, String zone, String description, Map<String, String> tags)
      throws VolumeException;

  void delete(Caller caller, String volumeId) throws VolumeException;

  Page<VolumeInfo> describe(Caller caller, VolumeQuery query) throws VolumeException;

  VolumeInfo get(Caller caller, String volumeId) throws VolumeException;

  /** Grows a volume (ModifyVolume). Shrinking is refused. */
  VolumeInfo resize(Caller caller, String volumeId, long newSizeBytes) throws VolumeException;

  SnapshotInfo snapshot(Caller caller, String volumeId, String description, Map<String, String> tags) throws VolumeException;

  void deleteSnapshot(Caller caller, String snapshotId) throws VolumeException;

  Page<SnapshotInfo> describeSnapshots(Caller caller, VolumeQuery query) throws VolumeException;

  AttachmentInfo attach(Caller caller, String volumeId, String host, String vm, String device, AttachMode mode)
      throws VolumeException;

  /** Detaches from {@code vm}, or from the only VM when {@code vm} is null; {@code force} skips failing host steps. */
  AttachmentInfo detach(Caller caller, String volumeId, String vm, boolean force) throws VolumeException;

  /** Availability zones volumes may name. */
  List<String> zones();

  /** The region zones belong to. */
  String region();
}
