package io.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn snapshot create|list|delete}: point-in-time copies of volumes, O(1) at any size. */
@Command(name = "snapshot", mixinStandardHelpOptions = true, description = "Manage volume snapshots.",
    subcommands = {SnapshotCommand.Create.class, SnapshotCommand.ListSnapshots.class, SnapshotCommand.Delete.class})
final class SnapshotCommand extends CommandGroup {
  @Command(name = "create", mixinStandardHelpOptions = true, description = "Snapshots a volume, attached or not (crash-consistent).")
  static final class Create extends ClientCommand {
    @Parameters(paramLabel = "VOLUME") String volume;
    @Option(names = {"--description", "--comment"}, paramLabel = "TEXT") String description;

    @Override
    public Integer call() throws CliException {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("description", description);
      JsonNode s = send("POST", "/api/v1/volumes/" + Ids.volume(volume) + "/snapshots", body);
      print(s, "Created snapshot " + s.path("id").asText() + " of " + volume + " (" + s.path("state").asText() + ")");
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists your snapshots (root: all).")
  static final class ListSnapshots extends ClientCommand {
    @Override
    public Integer call() throws CliException {
      JsonNode reply = send("GET", "/api/v1/snapshots", null);
      StringBuilder text = new StringBuilder(String.format("%-23s %-22s %-10s %-10s %s", "SNAPSHOT", "VOLUME", "SIZE", "STATE", "DESCRIPTION"));
      for (JsonNode s : reply.path("snapshots")) {
        text.append('\n').append(String.format("%-23s %-22s %-10s %-10s %s", s.path("id").asText(), s.path("volumeId").asText(),
            ByteSize.format(s.path("size").asLong()), s.path("state").asText(), s.path("description").asText("")));
      }
      print(reply, text.toString());
      return ExitCodes.OK;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a snapshot.")
  static final class Delete extends ClientCommand {
    @Parameters(paramLabel = "SNAPSHOT") String id;

    @Override
    public Integer call() throws CliException {
      send("DELETE", "/api/v1/snapshots/" + Ids.snapshot(id), null);
      print(Json.object("deleted", id), "Deleted snapshot " + id);
      return ExitCodes.OK;
    }
  }
}
