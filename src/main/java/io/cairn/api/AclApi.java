package io.cairn.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.catalog.Acl.Grant;
import io.cairn.catalog.User;
import io.cairn.objects.AccessControl;
import io.cairn.objects.AccessControl.Change;
import io.cairn.objects.AccessControl.Entry;
import io.cairn.objects.AccessControl.Resource;
import io.cairn.objects.ObjectServiceException;
import io.cairn.objects.Role;
import io.cairn.server.auth.Principal;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Per-entry ACL management, the source's ACL API (list, get, insert, update, delete one user's
 * entry) for buckets and objects:
 *
 * <ul>
 *   <li>{@code GET /buckets/B/acl} lists the entries (the owner's first) and the group grants;
 *       {@code POST /buckets/B/acl {"user", "role"}} inserts one (409 AclEntryExists if the user
 *       has one);
 *   <li>{@code GET|PUT|DELETE /buckets/B/acl/USER} reads, updates ({@code {"role"}}; 404
 *       NoSuchAclEntry if none) or deletes one entry;
 *   <li>the same under {@code /buckets/B/objects/KEY/acl} for an object (KEY may hold slashes; the
 *       last {@code /acl} segment ends it).
 * </ul>
 *
 * USER is a user name or a canonical id; roles are {@code reader}, {@code writer}, {@code owner}.
 * The caller acts as itself, root included: reading needs READ_ACP, changing WRITE_ACP on the
 * resource (the owner has both). Errors: 404 NoSuchBucket, NoSuchKey, NoSuchUser, NoSuchAclEntry;
 * 403 AccessDenied; 400 InvalidRole, InvalidArgument, MalformedJSON.
 */
public final class AclApi implements ApiRoute {
  private final AccessControl acls;

  public AclApi(AccessControl acls) {
    this.acls = acls;
  }

  @Override
  public boolean serves(String path) {
    return path.startsWith("/buckets/") && (path.endsWith("/acl") || path.contains("/acl/"));
  }

  /** Where a request points: the resource, and the user of one entry (null: the list). */
  record Target(Resource resource, String user) {}

  static Target target(String path) throws ApiException {
    String rest = path.substring("/buckets/".length());
    String user = null;
    if (!rest.endsWith("/acl")) {
      int slash = rest.lastIndexOf('/');
      user = rest.substring(slash + 1);
      rest = rest.substring(0, slash);
      if (!rest.endsWith("/acl") || user.isEmpty()) {
        throw notFound(path);
      }
    }
    rest = rest.substring(0, rest.length() - "/acl".length());
    user = user == null ? null : decode(user);
    int slash = rest.indexOf('/');
    if (slash < 0) {
      if (rest.isEmpty()) {
        throw notFound(path);
      }
      return new Target(Resource.bucket(decode(rest)), user);
    }
    String bucket = rest.substring(0, slash);
    String objects = rest.substring(slash);
    if (bucket.isEmpty() || !objects.startsWith("/objects/") || objects.length() == 9) {
      throw notFound(path);
    }
    List<String> key = new java.util.ArrayList<>();
    for (String segment : objects.substring("/objects/".length()).split("/", -1)) {
      key.add(decode(segment));
    }
    return new Target(new Resource(decode(bucket), String.join("/", key)), user);
  }

  /** A path segment as sent, percent-encoded (a '+' is itself). */
  private static String decode(String segment) throws ApiException {
    try {
      return java.net.URLDecoder.decode(segment.replace("+", "%2B"),
          java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "InvalidURI", "bad percent-encoding in " + segment);
    }
  }

  private static ApiException notFound(String path) {
    return new ApiException(404, "NotFound", "no such API: /api/v1" + path);
  }

  @Override
  public void handle(String method, String path, byte[] body, Principal principal,
      Response response, Callback callback) throws ApiException, IOException {
    Target t = target(path);
    String requester = principal.userId();
    try {
      if (t.user() == null) {
        switch (method) {
          case "GET" -> JsonReply.send(response, callback, 200, list(requester, t.resource()));
          case "POST" -> {
            JsonNode req = parse(body);
            User user = user(text(req, "user"));
            Entry e = acls.put(requester, t.resource(), user, role(text(req, "role")),
                Change.INSERT).orElseThrow(() -> new ApiException(409, "AclEntryExists",
                    "user " + user.name() + " already has an entry; update it instead"));
            JsonReply.send(response, callback, 201, json(e));
          }
          default -> throw notAllowed(method, path);
        }
        return;
      }
      User user = user(t.user());
      switch (method) {
        case "GET" -> JsonReply.send(response, callback, 200,
            json(acls.entry(requester, t.resource(), user).orElseThrow(() -> noEntry(user))));
        case "PUT" -> {
          Role role = role(text(parse(body), "role"));
          Entry e = acls.put(requester, t.resource(), user, role, Change.UPDATE)
              .orElseThrow(() -> noEntry(user));
          JsonReply.send(response, callback, 200, json(e));
        }
        case "DELETE" -> {
          if (!acls.remove(requester, t.resource(), user)) {
            throw noEntry(user);
          }
          JsonReply.empty(response, callback, 204);
        }
        default -> throw notAllowed(method, path);
      }
    } catch (ObjectServiceException e) {
      throw switch (e.error()) {
        case NO_SUCH_BUCKET -> new ApiException(404, "NoSuchBucket",
            "no such bucket: " + t.resource().bucket());
        case NO_SUCH_KEY -> new ApiException(404, "NoSuchKey",
            "no such object: " + t.resource().key());
        case ACCESS_DENIED -> new ApiException(403, "AccessDenied",
            "you may not read or change this ACL");
        default -> new ApiException(400, "InvalidArgument", e.getMessage());
      };
    }
  }

  private Map<String, Object> list(String requester, Resource r) throws IOException {
    List<Entry> entries = acls.entries(requester, r);
    List<Grant> groups = acls.groupGrants(requester, r);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("bucket", r.bucket());
    if (r.key() != null) {
      out.put("key", r.key());
    }
    out.put("entries", entries.stream().map(AclApi::json).toList());
    out.put("groups", groups.stream().map(g -> Map.of(
        "group", g.type() == io.cairn.catalog.Acl.GranteeType.ALL_USERS
            ? "AllUsers" : "AuthenticatedUsers",
        "permission", g.permission().name())).toList());
    return out;
  }

  static Map<String, Object> json(Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("user", e.userName());
    m.put("id", e.userId());
    m.put("role", e.role().map(Role::label).orElse(null));
    m.put("permissions", e.permissions().stream().map(Enum::name).toList());
    m.put("owner", e.owner());
    return m;
  }

  private User user(String nameOrId) throws ApiException, IOException {
    if (nameOrId == null || nameOrId.isBlank()) {
      throw new ApiException(400, "InvalidArgument", "name the user (\"user\": NAME or ID)");
    }
    return acls.user(nameOrId).orElseThrow(
        () -> new ApiException(404, "NoSuchUser", "no such user: " + nameOrId));
  }

  private static Role role(String label) throws ApiException {
    return Role.of(label).orElseThrow(() -> new ApiException(400, "InvalidRole",
        "role must be reader, writer or owner, not " + label));
  }

  private static ApiException noEntry(User user) {
    return new ApiException(404, "NoSuchAclEntry", "user " + user.name() + " has no entry here");
  }

  private static ApiException notAllowed(String method, String path) {
    return new ApiException(405, "MethodNotAllowed", method + " is not allowed on /api/v1" + path);
  }

  private static JsonNode parse(byte[] body) throws ApiException {
    try {
      JsonNode n = body.length == 0 ? null : JsonReply.JSON.readTree(body);
      if (n == null || !n.isObject()) {
        throw new ApiException(400, "MalformedJSON", "expected a JSON object");
      }
      return n;
    } catch (JacksonException e) {
      throw new ApiException(400, "MalformedJSON", "the body is not JSON: "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ApiException(400, "MalformedJSON", "the body could not be read");
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
