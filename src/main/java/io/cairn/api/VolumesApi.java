package io.cairn.api;

import static io.cairn.api.JsonBody.parse;
import static io.cairn.api.JsonBody.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.server.auth.Principal;
import io.cairn.volumes.AttachmentInfo;
import io.cairn.volumes.Caller;
import io.cairn.volumes.SnapshotInfo;
import io.cairn.volumes.VolumeException;
import io.cairn.volumes.VolumeInfo;
import io.cairn.volumes.VolumeQuery;
import io.cairn.volumes.VolumeService;
import io.cairn.volumes.host.AttachMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The volumes REST API under {@code /api/v1}: {@code /volumes} (POST create, GET list), {@code
 * /volumes/ID} (GET, DELETE), {@code /volumes/ID/resize|attach|detach|snapshots} (POST), {@code
 * /snapshots} (GET) and {@code /snapshots/ID} (GET, DELETE). Sizes are bytes. Errors carry the
 * same codes as the EC2 API.
 */
public final class VolumesApi implements ApiRoute {
  private final VolumeService volumes;
  private final String nbdHost;
  private final java.util.function.IntSupplier nbdPort;

  public VolumesApi(VolumeService volumes, String nbdHost, java.util.function.IntSupplier nbdPort) {
    this.volumes = volumes;
    this.nbdHost = nbdHost;
    this.nbdPort = nbdPort;
  }

  @Override
  public boolean serves(String path) {
    return path.equals("/volumes") || path.startsWith("/volumes/") || path.equals("/snapshots") || path.startsWith("/snapshots/");
  }

  @Override
  public void handle(String method, String path, byte[] body, Principal principal, Response response, Callback callback) throws ApiException {
    Caller caller = new Caller(principal.userId(), principal.root());
    String[] parts = path.substring(1).split("/");
    try {
      if (parts[0].equals("snapshots")) {
        snapshots(method, parts, caller, response, callback);
      } else {
        volumes(method, parts, body, caller, response, callback);
      }
    } catch (VolumeException e) {
      throw new ApiException(e.error().httpStatus(), e.error().code(), e.getMessage());
    }
  }

  private void volumes(String method, String[] p, byte[] body, Caller caller, Response response, Callback callback)
      throws VolumeException, ApiException {
    if (p.length == 1) {
      switch (method) {
        case "GET" -> JsonReply.send(response, callback, 200,
            Map.of("volumes", volumes.describe(caller, VolumeQuery.all()).items().stream().map(this::json).toList()));
        case "POST" -> {
          JsonNode req = parse(body);
          VolumeInfo v = volumes.create(caller, req.path("size").asLong(0), text(req, "snapshotId"), text(req, "zone"),
              text(req, "description"), tags(req));
          JsonReply.send(response, callback, 201, json(v));
        }
        default -> throw notAllowed(method, "/volumes");
      }
      return;
    }
    String id = p[1];
    if (p.length == 2) {
      switch (method) {
        case "GET" -> JsonReply.send(response, callback, 200, json(volumes.get(caller, id)));
        case "DELETE" -> {
          volumes.delete(caller, id);
          JsonReply.empty(response, callback, 204);
        }
        default -> throw notAllowed(method, "/volumes/ID");
      }
      return;
    }
    if (p.length != 3 || !method.equals("POST")) {
      throw new ApiException(404, "NotFound", "no such API: /api/v1/" + String.join("/", p));
    }
    JsonNode req = parse(body);
    switch (p[2]) {
      case "resize" -> JsonReply.send(response, callback, 200, json(volumes.resize(caller, id, req.path("size").asLong())));
      case "attach" -> {
        AttachMode mode;
        try {
          mode = AttachMode.of(req.path("mode").asText("rw"));
        } catch (IllegalArgumentException e) {
          throw new ApiException(400, "InvalidParameterValue", e.getMessage());
        }
        AttachmentInfo a = volumes.attach(caller, id, req.path("host").asText("local"), text(req, "vm"), text(req, "device"), mode);
        JsonReply.send(response, callback, 200, json(a));
      }
      case "detach" -> JsonReply.send(response, callback, 200, json(volumes.detach(caller, id, text(req, "vm"), req.path("force").asBoolean(false))));
      case "snapshots" -> JsonReply.send(response, callback, 201, json(volumes.snapshot(caller, id, text(req, "description"), tags(req))));
      default -> throw new ApiException(404, "NotFound", "no such API: /api/v1/volumes/ID/" + p[2]);
    }
  }

  private void snapshots(String method, String[] p, Caller caller, Response response, Callback callback) throws VolumeException, ApiException {
    if (p.length == 1 && method.equals("GET")) {
      JsonReply.send(response, callback, 200,
          Map.of("snapshots", volumes.describeSnapshots(caller, VolumeQuery.all()).items().stream().map(VolumesApi::json).toList()));
    } else if (p.length == 2 && method.equals("GET")) {
      List<SnapshotInfo> one = volumes.describeSnapshots(caller, new VolumeQuery(List.of(p[1]), Map.of(), 0, null)).items();
      JsonReply.send(response, callback, 200, json(one.get(0)));
    } else if (p.length == 2 && method.equals("DELETE")) {
      volumes.deleteSnapshot(caller, p[1]);
      JsonReply.empty(response, callback, 204);
    } else {
      throw notAllowed(method, "/api/v1/" + String.join("/", p));
    }
  }

  private static ApiException notAllowed(String method, String what) {
    return new ApiException(405, "MethodNotAllowed", method + " is not allowed on " + what);
  }

  private static Map<String, String> tags(JsonNode n) {
    Map<String, String> tags = new LinkedHashMap<>();
    n.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
    return tags;
  }

  private Map<String, Object> json(VolumeInfo v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", v.id());
    m.put("owner", v.owner());
    m.put("size", v.sizeBytes());
    m.put("state", v.state().code());
    if (v.stateReason() != null) {
      m.put("stateReason", v.stateReason());
    }
    m.put("description", v.description());
    m.put("zone", v.zone());
    m.put("snapshotId", v.snapshotId());
    m.put("created", v.created().toString());
    m.put("tags", v.tags());
    m.put("attachments", v.attachments().stream().map(this::json).toList());
    return m;
  }

  private Map<String, Object> json(AttachmentInfo a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("volumeId", a.volumeId());
    m.put("host", a.host());
    m.put("vm", a.vm());
    m.put("device", a.device());
    m.put("mode", a.mode().code());
    m.put("state", a.state());
    m.put("attached", a.attached().toString());
    m.put("export", "nbd://" + nbdHost + ":" + nbdPort.getAsInt() + "/" + a.exportName());
    return m;
  }

  private static Map<String, Object> json(SnapshotInfo s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("volumeId", s.volumeId());
    m.put("owner", s.owner());
    m.put("size", s.sizeBytes());
    m.put("state", s.state());
    m.put("description", s.description());
    m.put("started", s.started().toString());
    m.put("tags", s.tags());
    return m;
  }
}
