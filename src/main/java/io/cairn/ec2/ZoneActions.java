package io.cairn.ec2;

import io.cairn.volumes.Caller;
import io.cairn.volumes.VolumeService;
import java.util.List;
import java.util.Map;

/** DescribeAvailabilityZones and DescribeRegions: the zones volumes may name. */
final class ZoneActions {
  private final VolumeService volumes;

  ZoneActions(VolumeService volumes) {
    this.volumes = volumes;
  }

  void register(Map<String, Ec2Action> actions) {
    actions.put("DescribeAvailabilityZones", this::zones);
    actions.put("DescribeRegions", this::regions);
  }

  private byte[] zones(Caller caller, Ec2Request r, String requestId) {
    List<String> wanted = r.list("ZoneName");
    Ec2Xml x = Ec2Xml.response("DescribeAvailabilityZones", requestId).start("availabilityZoneInfo");
    int n = 0;
    for (String zone : volumes.zones()) {
      n++;
      if (!wanted.isEmpty() && !wanted.contains(zone)) {
        continue;
      }
      x.start("item")
          .element("zoneName", zone)
          .element("zoneState", "available")
          .element("regionName", volumes.region())
          .element("zoneId", "cairn-az" + n)
          .element("zoneType", "availability-zone")
          .element("optInStatus", "opt-in-not-required")
          .element("groupName", volumes.region())
          .element("networkBorderGroup", volumes.region())
          .start("messageSet").end()
          .end();
    }
    return x.end().finish();
  }

  private byte[] regions(Caller caller, Ec2Request r, String requestId) {
    return Ec2Xml.response("DescribeRegions", requestId).start("regionInfo")
        .start("item").element("regionName", volumes.region()).element("regionEndpoint", "cairn").element("optInStatus", "opt-in-not-required").end()
        .end().finish();
  }
}
