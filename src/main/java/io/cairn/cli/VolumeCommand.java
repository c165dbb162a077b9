package io.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn volume create|list|show|delete|resize|attach|detach}: block volumes on a running server. */
@Command(name = "volume", mixinStandardHelpOptions = true, description = "Manage block volumes.",
    subcommands = {VolumeCommand.Create.class, VolumeCommand.ListVolumes.class, VolumeCommand.Show.class,
        VolumeCommand.Delete.class, VolumeCommand.Resize.class, VolumeCommand.Attach.class, VolumeCommand.Detach.class})
final class VolumeCommand extends CommandGroup {
  static String line(JsonNode v) {
    StringBuilder att = new StringBuilder();
    for (JsonNode a : v.path("attachments")) {
      att.append(att.isEmpty() ? "" : ",").append(a.path("host").asText()).append('/').append(a.path("vm").asText())
          .append(':').append(a.path("device").asText()).append('(').append(a.path("mode").asText()).append(')');
    }
    return String.format("%-22s %-10s %-10s %-12s %-22s %s", v.path("id").asText(), ByteSize.format(v.path("size").asLong()),
        v.path("state").asText(), v.path("zone").asText(), v.path("snapshotId").asText(""), att);
  }

  static final String HEADER = String.format("%-22s %-10s %-10s %-12s %-22s %s", "VOLUME", "SIZE", "STATE", "ZONE", "FROM SNAPSHOT", "ATTACHMENTS");

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a volume, empty or from a snapshot.")
  static final class Create extends ClientCommand {
    @Option(names = "--size", paramLabel = "SIZE", description = "size such as 10GiB (default: the snapshot's size)") String size;
    @Option(names = "--snapshot", paramLabel = "SNAPSHOT", description = "make the volume from this snapshot (a copy-on-write clone)") String snapshot;
    @Option(names = "--zone", paramLabel = "ZONE", description = "availability zone (default: the first configured)") String zone;
    @Option(names = {"--description", "--comment"}, paramLabel = "TEXT") String description;

    @Override
    public Integer call() throws CliException {
      if (size == null && snapshot == null) {
        throw new CliException(ExitCodes.USAGE, "give --size, --snapshot, or both");
      }
      Map<String, Object> body = new LinkedHashMap<>();
      if (size != null) {
        body.put("size", ByteSize.parse(size));
      }
      body.put("snapshotId", snapshot);
      body.put("zone", zone);
      body.put("description", description);
      JsonNode v = send("POST", "/api/v1/volumes", body);
      print(v, "Created volume " + v.path("id").asText() + " (" + ByteSize.format(v.path("size").asLong()) + ", " + v.path("state").asText() + ")");
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists your volumes (root: all volumes).")
  static final class ListVolumes extends ClientCommand {
    @Override
    public Integer call() throws CliException {
      JsonNode reply = send("GET", "/api/v1/volumes", null);
      StringBuilder text = new StringBuilder(HEADER);
      reply.path("volumes").forEach(v -> text.append('\n').append(line(v)));
      print(reply, text.toString());
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one volume with its attachments and NBD exports.")
  static final class Show extends ClientCommand {
    @Parameters(paramLabel = "VOLUME") String id;

    @Override
    public Integer call() throws CliException {
      JsonNode v = send("GET", "/api/v1/volumes/" + Ids.volume(id), null);
      StringBuilder text = new StringBuilder(HEADER).append('\n').append(line(v));
      if (!v.path("description").asText("").isEmpty()) {
        text.append("\n  description: ").append(v.path("description").asText());
      }
      v.path("attachments").forEach(a -> text.append("\n  export for ").append(a.path("vm").asText()).append(": ").append(a.path("export").asText()));
      print(v, text.toString());
      return ExitCodes.OK;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a volume (its snapshots stay).")
  static final class Delete extends ClientCommand {
    @Parameters(paramLabel = "VOLUME") String id;

    @Override
    public Integer call() throws CliException {
      send("DELETE", "/api/v1/volumes/" + Ids.volume(id), null);
      print(Json.object("deleted", id), "Deleted volume " + id);
      return ExitCodes.OK;
    }
  }

  @Command(name = "resize", mixinStandardHelpOptions = true, description = "Grows a volume.")
  static final class Resize extends ClientCommand {
    @Parameters(index = "0", paramLabel = "VOLUME") String id;
    @Parameters(index = "1", paramLabel = "SIZE", description = "the new size, such as 20GiB") String size;

    @Override
    public Integer call() throws CliException {
      JsonNode v = send("POST", "/api/v1/volumes/" + Ids.volume(id) + "/resize", Map.of("size", ByteSize.parse(size)));
      print(v, "Volume " + id + " is now " + ByteSize.format(v.path("size").asLong()));
      return ExitCodes.OK;
    }
  }

  @Command(name = "attach", mixinStandardHelpOptions = true,
      description = "Attaches a volume to a VM on a configured host and exports it over NBD (host 'local' only exports).")
  static final class Attach extends ClientCommand {
    @Parameters(paramLabel = "VOLUME") String id;
    @Option(names = "--host", required = true, paramLabel = "HOST") String host;
    @Option(names = "--vm", required = true, paramLabel = "VM") String vm;
    @Option(names = "--device", required = true, paramLabel = "DEV", description = "device name in the VM, such as vdb") String device;
    @Option(names = "--mode", paramLabel = "rw|ro", defaultValue = "rw", description = "rw (exclusive) or ro (shareable); default rw") String mode;

    @Override
    public Integer call() throws CliException {
      JsonNode a = send("POST", "/api/v1/volumes/" + Ids.volume(id) + "/attach", Map.of("host", host, "vm", vm, "device", device, "mode", mode));
      print(a, "Attached " + id + " to " + host + "/" + vm + " as " + device + " (" + a.path("mode").asText() + "); NBD export " + a.path("export").asText());
      return ExitCodes.OK;
    }
  }

  @Command(name = "detach", mixinStandardHelpOptions = true, description = "Detaches a volume from its VM.")
  static final class Detach extends ClientCommand {
    @Parameters(paramLabel = "VOLUME") String id;
    @Option(names = "--vm", paramLabel = "VM", description = "the VM to detach from (needed when several share the volume)") String vm;
    @Option(names = "--force", description = "keep going when a host step fails") boolean force;

    @Override
    public Integer call() throws CliException {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("vm", vm);
      body.put("force", force);
      JsonNode a = send("POST", "/api/v1/volumes/" + Ids.volume(id) + "/detach", body);
      print(a, "Detached " + id + " from " + a.path("host").asText() + "/" + a.path("vm").asText());
      return ExitCodes.OK;
    }
  }
}
