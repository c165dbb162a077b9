package io.cairn.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.catalog.KeyGlob;
import io.cairn.catalog.ObjectFilter;
import io.cairn.objects.Composition;
import io.cairn.objects.MetadataPatch;
import io.cairn.objects.MetadataUpdate;
import io.cairn.objects.ObjectEntry;
import io.cairn.objects.ObjectError;
import io.cairn.objects.ObjectListing;
import io.cairn.objects.ObjectMetadata;
import io.cairn.objects.ObjectSearch;
import io.cairn.objects.ObjectService;
import io.cairn.objects.ObjectServiceException;
import io.cairn.objects.RequestedAcl;
import io.cairn.objects.WriteCondition;
import io.cairn.server.auth.Principal;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;

/**
 * The objects REST API under {@code /api/v1}, for what S3 has no request for:
 *
 * <ul>
 *   <li>{@code GET /buckets/B/objects?prefix&after&maxKeys&maxScan&minSize&maxSize&modifiedAfter&modifiedBefore&glob&hasMeta&meta.NAME=VALUE}:
 *       a filtered listing ({@link ObjectSearch}), {@code {"objects": [...], "truncated", "next"}};
 *       pass {@code next} as {@code after} for the next page.
 *   <li>{@code GET /buckets/B/objects/KEY}: one object's entry.
 *   <li>{@code PATCH /buckets/B/objects/KEY} with a JSON merge patch (RFC 7386) of {@code
 *       {"contentType", "contentEncoding", "contentDisposition", "contentLanguage",
 *       "cacheControl", "expires", "metadata": {NAME: VALUE}}} (null removes, absent keeps) and an
 *       optional {@code If-Match} header: a metadata update without rewriting data ({@link
 *       MetadataUpdate}).
 *   <li>{@code POST /buckets/B/compose} with {@code {"key", "sources": [{"key", "versionId"?,
 *       "ifMatch"?, "first"?, "last"?}], "contentType"?, ..., "metadata"?}}: a compose ({@link
 *       Composition}); {@code 201} with the new entry.
 * </ul>
 *
 * Keys are the rest of the path (percent-encoded by the client, {@code /} kept). Errors carry
 * the S3 error codes ({@code NoSuchKey}, {@code PreconditionFailed}, ...).
 */
public final class ObjectsApi implements ApiRoute {
  private final ObjectService objects;
  private final ObjectSearch search;
  private final MetadataUpdate updates;
  private final Composition composition;

  public ObjectsApi(ObjectService objects) {
    this.objects = objects;
    this.search = new ObjectSearch(objects);
    this.updates = new MetadataUpdate(objects);
    this.composition = new Composition(objects);
  }

  @Override
  public boolean serves(String path) {
    String[] p = path.split("/", 5);
    return p.length >= 4 && p[1].equals("buckets") && !p[2].isEmpty()
        && (p[3].equals("objects") || p[3].equals("compose") && p.length == 4);
  }

  @Override
  public void handle(String method, String path, byte[] body, Principal principal,
      Response response, Callback callback) throws ApiException, IOException {
    handle(method, path, null, HttpFields.EMPTY, body, principal, response, callback);
  }

  @Override
  public void handle(String method, String path, String query, HttpFields headers, byte[] body,
      Principal principal, Response response, Callback callback)
      throws ApiException, IOException {
    String[] p = path.split("/", 5);
    // Routes see the path still percent-encoded: decode the bucket and the key ('+' stays '+').
    String bucket = URIUtil.decodePath(p[2]);
    String key = p.length == 5 ? URIUtil.decodePath(p[4]) : "";
    String owner = principal.userId();
    try {
      if (p[3].equals("compose")) {
        requireMethod(method, "POST");
        JsonReply.send(response, callback, 201, json(compose(owner, bucket, parse(body))));
      } else if (key.isEmpty()) {
        requireMethod(method, "GET");
        JsonReply.send(response, callback, 200, list(owner, bucket, Query.parse(query)));
      } else if (method.equals("GET")) {
        JsonReply.send(response, callback, 200, json(objects.object(owner, bucket, key)));
      } else if (method.equals("PATCH")) {
        ObjectEntry updated = updates.update(owner, bucket, key, patch(parse(body), Set.of()),
            headers.get("If-Match"));
        JsonReply.send(response, callback, 200, json(updated));
      } else {
        throw new ApiException(405, "MethodNotAllowed", method + " is not allowed on an object");
      }
    } catch (ObjectServiceException e) {
      throw refusal(e);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "InvalidArgument", e.getMessage());
    }
  }

  private Map<String, Object> list(String owner, String bucket, Query q)
      throws IOException, ApiException {
    Map<String, String> meta = new LinkedHashMap<>();
    q.values.forEach((name, value) -> {
      if (name.startsWith("meta.")) {
        meta.put(name.substring(5), value);
      }
    });
    Set<String> present = new LinkedHashSet<>();
    String hasMeta = q.get("hasMeta");
    if (hasMeta != null) {
      for (String n : hasMeta.split(",")) {
        if (!n.isBlank()) {
          present.add(n.strip());
        }
      }
    }
    String glob = q.get("glob");
    var after = q.time("modifiedAfter");
    ObjectFilter filter = new ObjectFilter(q.number("minSize"), q.number("maxSize"),
        after == null ? null : after.plusMillis(1), q.time("modifiedBefore"), meta, present,
        glob == null ? null : KeyGlob.of(glob));
    Long maxKeys = q.number("maxKeys");
    Long maxScan = q.number("maxScan");
    ObjectListing page = search.list(owner, bucket, q.get("prefix"), filter, q.get("after"),
        (int) Math.min(maxKeys == null ? 1000 : maxKeys, 1000),
        (int) Math.min(maxScan == null ? ObjectSearch.DEFAULT_SCAN_LIMIT : maxScan,
            ObjectSearch.DEFAULT_SCAN_LIMIT));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("objects", page.objects().stream().map(ObjectsApi::json).toList());
    m.put("truncated", page.truncated());
    m.put("next", page.next());
    return m;
  }

  private ObjectEntry compose(String owner, String bucket, JsonNode req)
      throws IOException, ApiException {
    String key = text(req, "key");
    if (key == null || key.isEmpty()) {
      throw new ApiException(400, "InvalidArgument", "compose needs the new object's \"key\"");
    }
    List<Composition.Source> sources = new ArrayList<>();
    for (JsonNode s : req.path("sources")) {
      String sourceKey = text(s, "key");
      if (sourceKey == null || sourceKey.isEmpty()) {
        throw new ApiException(400, "InvalidArgument", "every source needs a \"key\"");
      }
      boolean ranged = s.has("first") || s.has("last");
      if (ranged && !(s.path("first").canConvertToLong() && s.path("last").canConvertToLong())) {
        throw new ApiException(400, "InvalidArgument", "a source range needs \"first\" and \"last\"");
      }
      long first = ranged ? s.path("first").asLong() : -1;
      if (ranged && first < 0) {
        throw new ApiException(400, "InvalidArgument", "a source range starts at 0 or later");
      }
      sources.add(new Composition.Source(sourceKey, text(s, "versionId"), text(s, "ifMatch"),
          first, ranged ? s.path("last").asLong() : -1));
    }
    ObjectMetadata metadata =
        patch(req, Set.of("key", "sources")).applyTo(ObjectMetadata.EMPTY);
    return composition.compose(owner, bucket, key, sources, metadata, WriteCondition.NONE,
        RequestedAcl.PRIVATE);
  }

  /**
   * The standard fields and {@code metadata} of a JSON object as a merge patch; any other field
   * but {@code others} is refused, so a misspelt field is not silently ignored.
   */
  private static MetadataPatch patch(JsonNode req, Set<String> others) throws ApiException {
    for (var names = req.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!MetadataPatch.HEADERS.contains(name) && !name.equals("metadata")
          && !others.contains(name)) {
        throw new ApiException(400, "InvalidArgument", "unknown field \"" + name + "\"");
      }
    }
    Map<String, String> headers = new HashMap<>();
    for (String field : MetadataPatch.HEADERS) {
      if (req.has(field)) {
        headers.put(field, text(req, field));
      }
    }
    Map<String, String> user = new LinkedHashMap<>();
    JsonNode meta = req.path("metadata");
    if (!meta.isMissingNode() && !meta.isNull() && !meta.isObject()) {
      throw new ApiException(400, "InvalidArgument", "\"metadata\" must be a JSON object");
    }
    meta.properties().forEach(e -> user.put(e.getKey(), e.getValue().isNull() ? null
        : e.getValue().asText()));
    return new MetadataPatch(headers, user);
  }

  private static Map<String, Object> json(ObjectEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bucket", e.bucket());
    m.put("key", e.key());
    m.put("size", e.size());
    m.put("etag", e.etag());
    m.put("lastModified", e.lastModified().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
    m.put("versionId", e.versionId());
    ObjectMetadata md = e.metadata();
    m.put("contentType", md.contentType());
    m.put("contentEncoding", md.contentEncoding());
    m.put("contentDisposition", md.contentDisposition());
    m.put("contentLanguage", md.contentLanguage());
    m.put("cacheControl", md.cacheControl());
    m.put("expires", md.expires());
    m.put("metadata", new java.util.TreeMap<>(md.user()));
    return m;
  }

  private static ApiException refusal(ObjectServiceException e) {
    ObjectError error = e.error();
    int status = switch (error) {
      case NO_SUCH_BUCKET, NO_SUCH_KEY, NO_SUCH_UPLOAD -> 404;
      case ACCESS_DENIED -> 403;
      case BUCKET_ALREADY_EXISTS, BUCKET_ALREADY_OWNED_BY_YOU, BUCKET_NOT_EMPTY -> 409;
      case PRECONDITION_FAILED -> 412;
      default -> 400;
    };
    StringBuilder code = new StringBuilder();
    for (String word : error.name().split("_")) {
      code.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return new ApiException(status, code.toString(), e.getMessage());
  }

  private static void requireMethod(String method, String allowed) throws ApiException {
    if (!method.equals(allowed)) {
      throw new ApiException(405, "MethodNotAllowed", method + " is not allowed here");
    }
  }

  private static JsonNode parse(byte[] body) throws ApiException {
    if (body.length == 0) {
      return JsonReply.JSON.createObjectNode();
    }
    try {
      JsonNode n = JsonReply.JSON.readTree(body);
      if (n == null || !n.isObject()) {
        throw new ApiException(400, "MalformedJSON", "expected a JSON object");
      }
      return n;
    } catch (JacksonException e) {
      throw new ApiException(400, "MalformedJSON", "the body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ApiException(400, "MalformedJSON", "the body could not be read: " + e.getMessage());
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Decoded query parameters (the first value of each name). */
  private record Query(Map<String, String> values) {
    static Query parse(String raw) {
      Map<String, String> values = new LinkedHashMap<>();
      if (raw != null) {
        for (String pair : raw.split("&")) {
          if (!pair.isEmpty()) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1),
                StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
          }
        }
      }
      return new Query(values);
    }

    String get(String name) {
      return values.get(name);
    }

    Long number(String name) throws ApiException {
      String v = values.get(name);
      if (v == null) {
        return null;
      }
      try {
        long n = Long.parseLong(v.strip());
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // falls through
      }
      throw new ApiException(400, "InvalidArgument", "invalid " + name + ": " + v);
    }

    java.time.Instant time(String name) throws ApiException {
      String v = values.get(name);
      if (v == null) {
        return null;
      }
      try {
        return OffsetDateTime.parse(v.strip()).toInstant()
            .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      } catch (DateTimeParseException e) {
        throw new ApiException(400, "InvalidArgument", "invalid " + name
            + " (want ISO-8601, e.g. 2026-11-21T05:00:00Z): " + v);
      }
    }
  }
}
