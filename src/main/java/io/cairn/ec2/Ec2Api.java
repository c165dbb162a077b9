package io.cairn.ec2;

import io.cairn.volumes.VolumeError;
import io.cairn.volumes.VolumeException;
import io.cairn.volumes.Caller;
import io.cairn.volumes.VolumeService;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EC2 Query API (version 2016-11-15) for volumes and snapshots, so the stock {@code aws ec2}
 * commands work against Cairn. It translates parameters and renders documents; the semantics live
 * in {@link VolumeService}. Authentication (SigV4, service {@code ec2}) happens before this.
 */
public final class Ec2Api {
  private static final Logger LOG = LoggerFactory.getLogger(Ec2Api.class);

  private final Map<String, Ec2Action> actions = new HashMap<>();
  private final Supplier<String> requestIds;

  public Ec2Api(VolumeService volumes) {
    this(volumes, () -> UUID.randomUUID().toString());
  }

  Ec2Api(VolumeService volumes, Supplier<String> requestIds) {
    this.requestIds = requestIds;
    new VolumeActions(volumes).register(actions);
    new SnapshotActions(volumes).register(actions);
    new AttachmentActions(volumes).register(actions);
    new ZoneActions(volumes).register(actions);
  }

  /** Runs one request for an authenticated caller. Never throws: failures become EC2 error documents. */
  public Ec2Response handle(Caller caller, Map<String, String> params) {
    String requestId = requestIds.get();
    Ec2Request request = new Ec2Request(params);
    Ec2Action action = actions.get(request.action());
    if (action == null) {
      String what = request.action().isEmpty() ? "The request must contain the parameter Action" : "The action " + request.action() + " is not valid for this web service.";
      return error(request.action().isEmpty() ? "MissingAction" : "InvalidAction", what, 400, requestId);
    }
    try {
      return new Ec2Response(200, action.run(caller, request, requestId));
    } catch (VolumeException e) {
      if (e.error() == VolumeError.INTERNAL) {
        LOG.error("EC2 {} failed for {}", request.action(), caller, e);
      }
      return error(e.error().code(), e.getMessage(), e.error().httpStatus(), requestId);
    } catch (RuntimeException e) {
      LOG.error("EC2 {} failed for {}", request.action(), caller, e);
      return error("InternalError", "An internal error has occurred", 500, requestId);
    }
  }

  /** An error document, for failures found before an action runs (authentication, bad body). */
  public static Ec2Response error(String code, String message, int status, String requestId) {
    return new Ec2Response(status, Ec2Xml.error(code, message, requestId));
  }
}
