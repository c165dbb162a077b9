package io.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cairn acl list|get|insert|update|delete BUCKET [KEY]}: one user's entry at a time in the
 * ACL of a bucket, or of an object when KEY is given (the source's ACL API). Roles: reader, writer,
 * owner. Only the resource's owners may change entries, and read them.
 */
@Command(name = "acl", mixinStandardHelpOptions = true,
    description = "Manage the ACL entries (reader, writer, owner) of a bucket or an object.",
    subcommands = {AclCommand.ListEntries.class, AclCommand.Get.class, AclCommand.Insert.class,
        AclCommand.Update.class, AclCommand.Delete.class})
final class AclCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** An acl subcommand: a bucket, maybe an object key, in the parent's environment. */
  abstract static class Sub extends ClientCommand {
    @ParentCommand AclCommand parent;
    @Parameters(index = "0", paramLabel = "BUCKET") String bucket;
    @Parameters(index = "1", arity = "0..1", paramLabel = "KEY",
        description = "an object's key: its ACL instead of the bucket's") String key;

    @Override
    Map<String, String> env() {
      return parent.main.env;
    }

    /** {@code /api/v1/buckets/B[/objects/KEY]/acl}, each segment percent-encoded. */
    String aclPath() {
      StringBuilder p = new StringBuilder("/api/v1/buckets/").append(encode(bucket));
      if (key != null) {
        p.append("/objects");
        for (String segment : key.split("/", -1)) {
          p.append('/').append(encode(segment));
        }
      }
      return p.append("/acl").toString();
    }

    String what() {
      return key == null ? "bucket " + bucket : "object " + bucket + "/" + key;
    }
  }

  /** A subcommand naming one user's entry. */
  abstract static class OneEntry extends Sub {
    @Option(names = "--user", required = true, paramLabel = "USER",
        description = "user name or canonical id") String user;

    String entryPath() {
      return aclPath() + "/" + encode(user);
    }
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static final String HEADER = String.format("%-20s %-8s %-40s %s", "USER", "ROLE", "PERMISSIONS", "ID");

  static String line(JsonNode e) {
    StringBuilder perms = new StringBuilder();
    e.path("permissions").forEach(p -> perms.append(perms.isEmpty() ? "" : ",").append(p.asText()));
    String role = e.path("role").isNull() ? "-" : e.path("role").asText();
    return String.format("%-20s %-8s %-40s %s", e.path("user").asText() + (e.path("owner").asBoolean() ? " *" : ""),
        role, perms, e.path("id").asText());
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists every user's entry (the owner's first, marked *) and the group grants.")
  static final class ListEntries extends Sub {
    @Override
    public Integer call() throws CliException {
      JsonNode reply = send("GET", aclPath(), null);
      StringBuilder text = new StringBuilder(HEADER);
      reply.path("entries").forEach(e -> text.append('\n').append(line(e)));
      reply.path("groups").forEach(g -> text.append('\n').append(String.format("%-20s %-8s %-40s",
          "group " + g.path("group").asText(), "-", g.path("permission").asText())));
      print(reply, text.toString());
      return ExitCodes.OK;
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Shows one user's entry.")
  static final class Get extends OneEntry {
    @Override
    public Integer call() throws CliException {
      JsonNode e = send("GET", entryPath(), null);
      print(e, HEADER + "\n" + line(e));
      return ExitCodes.OK;
    }
  }

  @Command(name = "insert", mixinStandardHelpOptions = true,
      description = "Gives a user without an entry a role (reader, writer or owner).")
  static final class Insert extends OneEntry {
    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "reader, writer or owner") String role;

    @Override
    public Integer call() throws CliException {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("user", user);
      body.put("role", role);
      JsonNode e = send("POST", aclPath(), body);
      print(e, "Gave " + e.path("user").asText() + " the " + e.path("role").asText() + " role on " + what());
      return ExitCodes.OK;
    }
  }

  @Command(name = "update", mixinStandardHelpOptions = true, description = "Changes the role of a user's entry.")
  static final class Update extends OneEntry {
    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "reader, writer or owner") String role;

    @Override
    public Integer call() throws CliException {
      JsonNode e = send("PUT", entryPath(), Map.of("role", role));
      print(e, e.path("user").asText() + " is now " + e.path("role").asText() + " of " + what());
      return ExitCodes.OK;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Removes a user's entry.")
  static final class Delete extends OneEntry {
    @Override
    public Integer call() throws CliException {
      send("DELETE", entryPath(), null);
      print(Json.object("deleted", user), "Removed " + user + "'s entry from " + what());
      return ExitCodes.OK;
    }
  }
}
