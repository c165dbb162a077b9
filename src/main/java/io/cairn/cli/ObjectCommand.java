package io.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cairn object list|show|set-metadata|compose}: the object operations S3 has no request
 * for, through the REST API (filtered listing, metadata updates without rewriting data, compose).
 */
@Command(name = "object", mixinStandardHelpOptions = true,
    description = "Filtered listings, metadata updates and compose of S3 objects.",
    subcommands = {ObjectCommand.ListObjects.class, ObjectCommand.Show.class,
        ObjectCommand.SetMetadata.class, ObjectCommand.Compose.class})
final class ObjectCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  abstract static class Sub extends ClientCommand {
    @ParentCommand ObjectCommand parent;

    @Override
    Map<String, String> env() {
      return parent.main.env;
    }
  }

  /** Percent-encodes for a URL: each path segment of a key, or a query value. */
  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String objectPath(String bucket, String key) {
    List<String> segments = new ArrayList<>();
    for (String s : key.split("/", -1)) {
      segments.add(encode(s));
    }
    return "/api/v1/buckets/" + encode(bucket) + "/objects/" + String.join("/", segments);
  }

  /** NAME=VALUE pairs as a map; CliException (usage) for one without '='. */
  static Map<String, String> pairs(List<String> pairs) throws CliException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String p : pairs) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new CliException(ExitCodes.USAGE, "expected NAME=VALUE, got '" + p + "'");
      }
      out.put(p.substring(0, eq), p.substring(eq + 1));
    }
    return out;
  }

  static String line(JsonNode o) {
    return String.format("%-40s %10s  %-24s %s", o.path("key").asText(),
        ByteSize.format(o.path("size").asLong()), o.path("lastModified").asText(),
        o.path("etag").asText());
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists a bucket's objects that pass every filter given.")
  static final class ListObjects extends Sub {
    @Parameters(paramLabel = "BUCKET") String bucket;
    @Option(names = "--prefix") String prefix;
    @Option(names = "--glob", description = "key glob: * (not /), ** (any), ?, \\ escapes")
    String glob;
    @Option(names = {"--meta", "--filter"}, paramLabel = "NAME=VALUE",
        description = "user metadata NAME equals VALUE (repeatable)")
    List<String> meta = new ArrayList<>();
    @Option(names = "--has-meta", paramLabel = "NAME") List<String> hasMeta = new ArrayList<>();
    @Option(names = "--min-size", paramLabel = "SIZE") String minSize;
    @Option(names = "--max-size", paramLabel = "SIZE") String maxSize;
    @Option(names = "--modified-after", paramLabel = "TIME", description = "ISO-8601, exclusive")
    String modifiedAfter;
    @Option(names = "--modified-before", paramLabel = "TIME", description = "ISO-8601, exclusive")
    String modifiedBefore;
    @Option(names = "--limit", defaultValue = "1000", description = "most objects to list")
    int limit;

    @Override
    public Integer call() throws CliException {
      StringBuilder query = new StringBuilder();
      add(query, "prefix", prefix);
      add(query, "glob", glob);
      for (var e : pairs(meta).entrySet()) {
        add(query, "meta." + e.getKey(), e.getValue());
      }
      add(query, "hasMeta", hasMeta.isEmpty() ? null : String.join(",", hasMeta));
      add(query, "minSize", minSize == null ? null : Long.toString(ByteSize.parse(minSize)));
      add(query, "maxSize", maxSize == null ? null : Long.toString(ByteSize.parse(maxSize)));
      add(query, "modifiedAfter", modifiedAfter);
      add(query, "modifiedBefore", modifiedBefore);
      ArrayNode all = ApiClient.JSON.createArrayNode();
      String after = null;
      // Pages may be short (each reads a bounded part of the bucket): follow them to the limit.
      while (all.size() < limit) {
        StringBuilder page = new StringBuilder(query);
        add(page, "maxKeys", Integer.toString(Math.min(1000, limit - all.size())));
        add(page, "after", after);
        JsonNode reply = send("GET", "/api/v1/buckets/" + encode(bucket) + "/objects?" + page,
            null);
        reply.path("objects").forEach(all::add);
        if (!reply.path("truncated").asBoolean()) {
          break;
        }
        after = reply.path("next").asText();
      }
      ObjectNode result = ApiClient.JSON.createObjectNode();
      result.set("objects", all);
      StringBuilder text = new StringBuilder(String.format("%-40s %10s  %-24s %s", "KEY", "SIZE",
          "LAST MODIFIED", "ETAG"));
      all.forEach(o -> text.append('\n').append(line(o)));
      print(result, text.toString());
      return ExitCodes.OK;
    }

    private static void add(StringBuilder query, String name, String value) {
      if (value != null) {
        query.append(query.isEmpty() ? "" : "&").append(encode(name)).append('=')
            .append(encode(value));
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Shows an object's size, ETag and metadata.")
  static final class Show extends Sub {
    @Parameters(index = "0", paramLabel = "BUCKET") String bucket;
    @Parameters(index = "1", paramLabel = "KEY") String key;

    @Override
    public Integer call() throws CliException {
      JsonNode o = send("GET", objectPath(bucket, key), null);
      print(o, line(o) + "\ncontent-type: " + o.path("contentType").asText("")
          + "\nmetadata: " + o.path("metadata"));
      return ExitCodes.OK;
    }
  }

  @Command(name = "set-metadata", mixinStandardHelpOptions = true,
      description = "Changes an object's metadata without rewriting its data (others stay).")
  static final class SetMetadata extends Sub {
    @Parameters(index = "0", paramLabel = "BUCKET") String bucket;
    @Parameters(index = "1", paramLabel = "KEY") String key;
    @Option(names = "--content-type") String contentType;
    @Option(names = "--cache-control") String cacheControl;
    @Option(names = "--content-disposition") String contentDisposition;
    @Option(names = "--meta", paramLabel = "NAME=VALUE", description = "set (repeatable)")
    List<String> meta = new ArrayList<>();
    @Option(names = "--remove-meta", paramLabel = "NAME", description = "remove (repeatable)")
    List<String> remove = new ArrayList<>();
    @Option(names = "--if-match", paramLabel = "ETAG",
        description = "only if the object's ETag is this one")
    String ifMatch;

    @Override
    public Integer call() throws CliException {
      Map<String, Object> patch = new LinkedHashMap<>();
      putIfSet(patch, "contentType", contentType);
      putIfSet(patch, "cacheControl", cacheControl);
      putIfSet(patch, "contentDisposition", contentDisposition);
      Map<String, String> user = new LinkedHashMap<>(pairs(meta));
      remove.forEach(name -> user.put(name, null));
      patch.put("metadata", user);
      JsonNode o = send("PATCH", objectPath(bucket, key), patch,
          ifMatch == null ? Map.of() : Map.of("if-match", ifMatch));
      print(o, "Updated " + bucket + "/" + key + ": metadata " + o.path("metadata")
          + ", content-type " + o.path("contentType").asText(""));
      return ExitCodes.OK;
    }

    private static void putIfSet(Map<String, Object> patch, String name, String value) {
      if (value != null) {
        patch.put(name, value);
      }
    }
  }

  @Command(name = "compose", mixinStandardHelpOptions = true,
      description = "Stores KEY as the concatenation of up to 32 objects of BUCKET (no data copied).")
  static final class Compose extends Sub {
    private static final Pattern RANGE = Pattern.compile("^(.+)\\[(\\d+)-(\\d+)]$");

    @Parameters(index = "0", paramLabel = "BUCKET") String bucket;
    @Parameters(index = "1", paramLabel = "KEY") String key;
    @Parameters(index = "2..*", paramLabel = "SOURCE", arity = "1..*",
        description = "a source key, or KEY[FIRST-LAST] for bytes FIRST to LAST (inclusive)")
    List<String> sources;
    @Option(names = "--content-type") String contentType;
    @Option(names = "--meta", paramLabel = "NAME=VALUE") List<String> meta = new ArrayList<>();

    @Override
    public Integer call() throws CliException {
      List<Map<String, Object>> list = new ArrayList<>();
      for (String s : sources) {
        Map<String, Object> source = new LinkedHashMap<>();
        Matcher m = RANGE.matcher(s);
        if (m.matches()) {
          source.put("key", m.group(1));
          try {
            source.put("first", Long.parseLong(m.group(2)));
            source.put("last", Long.parseLong(m.group(3)));
          } catch (NumberFormatException e) {
            throw new CliException(ExitCodes.USAGE, "bad range in source '" + s + "'");
          }
        } else {
          source.put("key", s);
        }
        list.add(source);
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("key", key);
      body.put("sources", list);
      if (contentType != null) {
        body.put("contentType", contentType);
      }
      body.put("metadata", pairs(meta));
      JsonNode o = send("POST", "/api/v1/buckets/" + encode(bucket) + "/compose", body);
      print(o, "Composed " + bucket + "/" + key + " from " + sources.size() + " sources: "
          + ByteSize.format(o.path("size").asLong()) + ", ETag " + o.path("etag").asText());
      return ExitCodes.OK;
    }
  }
}
