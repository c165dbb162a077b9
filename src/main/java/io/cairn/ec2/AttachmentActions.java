package io.cairn.ec2;

import io.cairn.volumes.AttachmentInfo;
import io.cairn.volumes.VolumeError;
import io.cairn.volumes.VolumeException;
import io.cairn.volumes.Caller;
import io.cairn.volumes.VolumeService;
import io.cairn.volumes.host.AttachMode;
import java.util.Map;

/**
 * AttachVolume and DetachVolume. EC2 has no words for Cairn's host and attach mode, so they ride
 * in the standard fields (documented in the README): {@code InstanceId} is {@code VM} (on the
 * built-in host {@code local}) or {@code HOST/VM}; {@code Device} may end in {@code :ro} or
 * {@code :rw}. Explicit {@code Host} and {@code Mode} parameters are accepted too.
 */
final class AttachmentActions {
  private final VolumeService volumes;

  AttachmentActions(VolumeService volumes) {
    this.volumes = volumes;
  }

  void register(Map<String, Ec2Action> actions) {
    actions.put("AttachVolume", this::attach);
    actions.put("DetachVolume", this::detach);
  }

  /** Where the VM runs and what it is called, from InstanceId and the optional Host parameter. */
  record Target(String host, String vm) {
    static Target of(String instanceId, String hostParam) throws VolumeException {
      int slash = instanceId.indexOf('/');
      if (slash >= 0) {
        if (hostParam != null && !hostParam.equals(instanceId.substring(0, slash))) {
          throw new VolumeException(VolumeError.INVALID_PARAMETER, "InstanceId names host " + instanceId.substring(0, slash) + " but Host is " + hostParam);
        }
        return new Target(instanceId.substring(0, slash), instanceId.substring(slash + 1));
      }
      return new Target(hostParam == null ? "local" : hostParam, instanceId);
    }
  }

  private byte[] attach(Caller caller, Ec2Request r, String requestId) throws VolumeException {
    Target t = Target.of(r.required("InstanceId"), r.optional("Host"));
    String device = r.required("Device");
    AttachMode mode = AttachMode.RW;
    int colon = device.lastIndexOf(':');
    if (colon > 0 && (device.endsWith(":ro") || device.endsWith(":rw"))) {
      mode = AttachMode.of(device.substring(colon + 1));
      device = device.substring(0, colon);
    }
    if (r.optional("Mode") != null) {
      mode = parseMode(r.optional("Mode"));
    }
    // EC2 names devices /dev/sdf or xvdf; hypervisors want the bare name.
    if (device.startsWith("/dev/")) {
      device = device.substring("/dev/".length());
    }
    AttachmentInfo a = volumes.attach(caller, r.required("VolumeId"), t.host(), t.vm(), device, mode);
    return attachmentFields(Ec2Xml.response("AttachVolume", requestId), a).finish();
  }

  private byte[] detach(Caller caller, Ec2Request r, String requestId) throws VolumeException {
    String instance = r.optional("InstanceId");
    String vm = instance == null ? null : Target.of(instance, r.optional("Host")).vm();
    AttachmentInfo a = volumes.detach(caller, r.required("VolumeId"), vm, r.optionalBoolean("Force"));
    return attachmentFields(Ec2Xml.response("DetachVolume", requestId), a).finish();
  }

  private static AttachMode parseMode(String m) throws VolumeException {
    try {
      return AttachMode.of(m);
    } catch (IllegalArgumentException e) {
      throw new VolumeException(VolumeError.INVALID_PARAMETER, e.getMessage());
    }
  }

  static Ec2Xml attachmentFields(Ec2Xml x, AttachmentInfo a) {
    return x.element("volumeId", a.volumeId())
        .element("instanceId", a.host().equals("local") ? a.vm() : a.host() + "/" + a.vm())
        .element("device", a.device())
        .element("status", a.state())
        .element("attachTime", a.attached());
  }
}
