package io.cairn.api;

import com.fasterxml.jackson.core.JacksonException;
import io.cairn.catalog.AccessKey;
import io.cairn.catalog.AlreadyExistsException;
import io.cairn.catalog.ConflictException;
import io.cairn.catalog.NotFoundException;
import io.cairn.catalog.User;
import io.cairn.catalog.Users;
import io.cairn.server.RootCredentials;
import io.cairn.server.ServerContext;
import io.cairn.server.auth.Principal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/users}: create (POST), list (GET), delete ({@code DELETE /users/NAME}); root only.
 * A created user's secret key appears in the creation response and nowhere else. Users live in
 * the catalog's users table; root is there too but is neither listed nor deletable here.
 */
final class UsersApi implements ApiRoute {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern ACCESS_KEY = Pattern.compile("[A-Za-z0-9]{16,128}");
    static final Pattern SECRET_KEY = Pattern.compile("[\\x21-\\x7e]{16,128}");
    private static final Logger log = LoggerFactory.getLogger(UsersApi.class);

    /** The POST body. */
    record CreateUser(String name, String accessKey, String secretKey) {
    }

    private final ServerContext context;
    private final Users users;

    UsersApi(ServerContext context) {
        this.context = context;
        this.users = context.catalog().users();
    }

    @Override
    public boolean serves(String path) {
        return path.equals("/users") || path.startsWith("/users/");
    }

    @Override
    public void handle(String method, String path, byte[] body, Principal principal, Response response,
                       Callback callback) throws ApiException, IOException {
        if (!principal.root()) {
            throw new ApiException(403, "AccessDenied", "only root may manage users");
        }
        if (path.equals("/users")) {
            switch (method) {
                case "POST" -> create(body, principal, response, callback);
                case "GET" -> list(response, callback);
                default -> throw new ApiException(405, "MethodNotAllowed", method + " is not allowed on /users");
            }
        } else {
            String name = path.substring("/users/".length());
            if (!method.equals("DELETE")) {
                throw new ApiException(405, "MethodNotAllowed", method + " is not allowed on /users/NAME");
            }
            delete(name, principal, response, callback);
        }
    }

    private void create(byte[] body, Principal principal, Response response, Callback callback)
            throws ApiException, IOException {
        CreateUser req;
        try {
            req = JsonReply.JSON.readValue(body, CreateUser.class);
        } catch (JacksonException e) {
            throw new ApiException(400, "MalformedJSON", "expected {\"name\": ..., \"accessKey\"?: ..., "
                    + "\"secretKey\"?: ...}: " + e.getOriginalMessage());
        }
        if (req == null || req.name() == null || !NAME.matcher(req.name()).matches()) {
            throw new ApiException(400, "InvalidUserName",
                    "a user name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if ((req.accessKey() == null) != (req.secretKey() == null)) {
            throw new ApiException(400, "InvalidKeyPair", "give both accessKey and secretKey, or neither");
        }
        if (req.accessKey() != null && !ACCESS_KEY.matcher(req.accessKey()).matches()) {
            throw new ApiException(400, "InvalidAccessKey", "an access key id is 16 to 128 letters and digits");
        }
        if (req.secretKey() != null && !SECRET_KEY.matcher(req.secretKey()).matches()) {
            throw new ApiException(400, "InvalidSecretKey",
                    "a secret key is 16 to 128 printable ASCII characters without spaces");
        }
        if (users.find(req.name()).isPresent()) {
            throw new ApiException(409, "UserAlreadyExists", "a user named '" + req.name() + "' already exists");
        }
        String accessKey = req.accessKey() != null ? req.accessKey() : RootCredentials.newAccessKey(context.random());
        String secretKey = req.secretKey() != null ? req.secretKey() : RootCredentials.newSecretKey(context.random());
        User user;
        try {
            user = users.create(req.name(), false, accessKey, secretKey);
        } catch (AlreadyExistsException e) {
            // The name was free a moment ago, so it is the key that is taken (or a concurrent create won).
            throw new ApiException(409, users.find(req.name()).isPresent() ? "UserAlreadyExists"
                    : "AccessKeyAlreadyExists", "the user name or access key id is already in use");
        }
        log.info("User {} created by {} with access key {}", user.name(), principal.user(), accessKey);
        context.metrics().counter("cairn.users.changes", "action", "create").increment();
        Map<String, Object> out = describe(user, accessKey);
        out.put("secretKey", secretKey);
        JsonReply.send(response, callback, 201, out);
    }

    private void list(Response response, Callback callback) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (User u : users.list()) {
            if (u.root()) {
                continue;
            }
            List<AccessKey> keys;
            try {
                keys = users.keys(u.name());
            } catch (NotFoundException e) {
                continue; // deleted since list() read it
            }
            out.add(describe(u, keys.isEmpty() ? null : keys.get(0).accessKey()));
        }
        JsonReply.send(response, callback, 200, Map.of("users", out));
    }

    private void delete(String name, Principal principal, Response response, Callback callback)
            throws ApiException, IOException {
        User user = users.find(name).orElseThrow(() -> new ApiException(404, "NoSuchUser", "no user named '" + name + "'"));
        if (user.root()) {
            throw new ApiException(400, "CannotDeleteRoot", "the root user cannot be deleted");
        }
        try {
            users.delete(name);
        } catch (NotFoundException e) {
            throw new ApiException(404, "NoSuchUser", "no user named '" + name + "'");
        } catch (ConflictException e) {
            throw new ApiException(409, "UserOwnsResources", e.getMessage());
        }
        log.info("User {} deleted by {}", name, principal.user());
        context.metrics().counter("cairn.users.changes", "action", "delete").increment();
        JsonReply.empty(response, callback, 204);
    }

    private static Map<String, Object> describe(User u, String accessKey) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name());
        m.put("id", u.id());
        m.put("accessKey", accessKey);
        m.put("created", u.created().toString());
        return m;
    }
}
