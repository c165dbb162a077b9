package io.cairn.ec2;

import io.cairn.volumes.AttachmentInfo;
import io.cairn.volumes.Page;
import io.cairn.volumes.VolumeError;
import io.cairn.volumes.VolumeException;
import io.cairn.volumes.VolumeInfo;
import io.cairn.volumes.VolumeQuery;
import io.cairn.volumes.Caller;
import io.cairn.volumes.VolumeService;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** CreateVolume, DeleteVolume, DescribeVolumes, ModifyVolume. Sizes are GiB on the wire. */
final class VolumeActions {
  /** EC2 has no description on CreateVolume: Cairn takes it from this tag (or a Description parameter). */
  static final String DESCRIPTION_TAG = "cairn:description";
  private static final long MAX_GIB = 64 * 1024;

  private final VolumeService volumes;

  VolumeActions(VolumeService volumes) {
    this.volumes = volumes;
  }

  void register(Map<String, Ec2Action> actions) {
    actions.put("CreateVolume", this::create);
    actions.put("DeleteVolume", this::delete);
    actions.put("DescribeVolumes", this::describe);
    actions.put("ModifyVolume", this::modify);
  }

  private byte[] create(Caller caller, Ec2Request r, String requestId) throws VolumeException {
    String snapshotId = r.optional("SnapshotId");
    long sizeBytes = 0;
    if (r.optional("Size") != null) {
      sizeBytes = gibToBytes(r.requiredLong("Size"));
    } else if (snapshotId == null) {
      throw new VolumeException(VolumeError.MISSING_PARAMETER, "The request must contain the parameter size or snapshotId");
    }
    Map<String, String> tags = new LinkedHashMap<>(r.tags("volume"));
    String description = r.optional("Description") != null ? r.optional("Description") : tags.get(DESCRIPTION_TAG);
    String zone = r.optional("AvailabilityZone");
    VolumeInfo v = volumes.create(caller, sizeBytes, snapshotId, zone, description, tags);
    Ec2Xml x = Ec2Xml.response("CreateVolume", requestId);
    volumeFields(x, v);
    return x.finish();
  }

  private byte[] delete(Caller caller, Ec2Request r, String requestId) throws VolumeException {
    volumes.delete(caller, r.required("VolumeId"));
    return Ec2Xml.response("DeleteVolume", requestId).element("return", true).finish();
  }

  private byte[] describe(Caller caller, Ec2Request r, String requestId) throws VolumeException {
    Page<VolumeInfo> page = volumes.describe(caller,
        new VolumeQuery(r.list("VolumeId"), r.filters(), r.optionalInt("MaxResults", 0), r.optional("NextToken")));
    Ec2Xml x = Ec2Xml.response("DescribeVolumes", requestId).start("volumeSet");
    for (VolumeInfo v : page.items()) {
      volumeFields(x.start("item"), v).end();
    }
    x.end();
    if (page.nextToken() != null) {
      x.element("nextToken", page.nextToken());
    }
    return x.finish();
  }

  private byte[] modify(Caller caller, Ec2Request r, String requestId) throws VolumeException {
    String id = r.required("VolumeId");
    VolumeInfo before = volumes.get(caller, id);
    long target = r.optional("Size") == null ? before.sizeBytes() : gibToBytes(r.requiredLong("Size"));
    VolumeInfo after = volumes.resize(caller, id, target);
    Instant now = Instant.now();
    Ec2Xml x = Ec2Xml.response("ModifyVolume", requestId).start("volumeModification")
        .element("volumeId", id)
        .element("modificationState", "completed")
        .element("targetSize", after.sizeGib())
        .element("targetVolumeType", "gp3")
        .element("originalSize", before.sizeGib())
        .element("originalVolumeType", "gp3")
        .element("progress", 100)
        .element("startTime", now)
        .element("endTime", now)
        .end();
    return x.finish();
  }

  static long gibToBytes(long gib) throws VolumeException {
    if (gib < 1 || gib > MAX_GIB) {
      throw new VolumeException(VolumeError.INVALID_PARAMETER, "Volume size " + gib + " GiB is out of range: 1 to " + MAX_GIB + " GiB.");
    }
    return gib * VolumeInfo.GIB;
  }

  static Ec2Xml volumeFields(Ec2Xml x, VolumeInfo v) {
    x.element("volumeId", v.id())
        .element("size", v.sizeGib())
        .element("snapshotId", v.snapshotId() == null ? "" : v.snapshotId())
        .element("availabilityZone", v.zone())
        .element("status", v.state().code())
        .element("createTime", v.created())
        .start("attachmentSet");
    for (AttachmentInfo a : v.attachments()) {
      AttachmentActions.attachmentFields(x.start("item"), a).element("deleteOnTermination", false).end();
    }
    x.end().element("volumeType", "gp3").element("encrypted", false).element("multiAttachEnabled", true);
    return x.tagSet(v.tags());
  }
}
