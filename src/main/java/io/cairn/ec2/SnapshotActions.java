package io.cairn.ec2;

import io.cairn.volumes.Page;
import io.cairn.volumes.SnapshotInfo;
import io.cairn.volumes.VolumeException;
import io.cairn.volumes.VolumeInfo;
import io.cairn.volumes.VolumeQuery;
import io.cairn.volumes.Caller;
import io.cairn.volumes.VolumeService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CreateSnapshot, DeleteSnapshot, DescribeSnapshots. */
final class SnapshotActions {
  private final VolumeService volumes;

  SnapshotActions(VolumeService volumes) {
    this.volumes = volumes;
  }

  void register(Map<String, Ec2Action> actions) {
    actions.put("CreateSnapshot", this::create);
    actions.put("DeleteSnapshot", this::delete);
    actions.put("DescribeSnapshots", this::describe);
  }

  private byte[] create(Caller caller, Ec2Request r, String requestId) throws VolumeException {
    SnapshotInfo s = volumes.snapshot(caller, r.required("VolumeId"), r.optional("Description"), r.tags("snapshot"));
    Ec2Xml x = Ec2Xml.response("CreateSnapshot", requestId);
    return snapshotFields(x, s).finish();
  }

  private byte[] delete(Caller caller, Ec2Request r, String requestId) throws VolumeException {
    volumes.deleteSnapshot(caller, r.required("SnapshotId"));
    return Ec2Xml.response("DeleteSnapshot", requestId).element("return", true).finish();
  }

  private byte[] describe(Caller caller, Ec2Request r, String requestId) throws VolumeException {
    Map<String, List<String>> filters = new LinkedHashMap<>(r.filters());
    List<String> owners = r.list("Owner");
    if (!owners.isEmpty()) {
      filters.put("owner-id", owners);
    }
    Page<SnapshotInfo> page = volumes.describeSnapshots(caller,
        new VolumeQuery(r.list("SnapshotId"), filters, r.optionalInt("MaxResults", 0), r.optional("NextToken")));
    Ec2Xml x = Ec2Xml.response("DescribeSnapshots", requestId).start("snapshotSet");
    for (SnapshotInfo s : page.items()) {
      snapshotFields(x.start("item"), s).end();
    }
    x.end();
    if (page.nextToken() != null) {
      x.element("nextToken", page.nextToken());
    }
    return x.finish();
  }

  private static Ec2Xml snapshotFields(Ec2Xml x, SnapshotInfo s) {
    return x.element("snapshotId", s.id())
        .element("volumeId", s.volumeId())
        .element("status", s.state())
        .element("startTime", s.started())
        .element("progress", s.state().equals("completed") ? "100%" : "0%")
        .element("ownerId", s.owner())
        .element("volumeSize", (s.sizeBytes() + VolumeInfo.GIB - 1) / VolumeInfo.GIB)
        .element("description", s.description() == null ? "" : s.description())
        .element("encrypted", false)
        .element("storageTier", "standard")
        .tagSet(s.tags());
  }
}
