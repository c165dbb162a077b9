package io.cairn.api;

import com.fasterxml.jackson.core.JacksonException;
import io.cairn.server.RootCredentials;
import io.cairn.server.ServerContext;
import io.cairn.server.auth.NoSuchUserException;
import io.cairn.server.auth.Principal;
import io.cairn.server.auth.User;
import io.cairn.server.auth.UserExistsException;
import java.io.IOException;
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
 * A created user's secret key appears in the creation response and nowhere else.
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

    UsersApi(ServerContext context) {
        this.context = context;
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
        if (req.name().equals(context.identities().rootUser())) {
            throw new ApiException(409, "UserAlreadyExists", "'" + req.name() + "' is the root user");
        }
        String accessKey = req.accessKey() != null ? req.accessKey() : RootCredentials.newAccessKey(context.random());
        if (accessKey.equals(context.identities().rootAccessKey())) {
            throw new ApiException(409, "AccessKeyAlreadyExists", "the access key id is already in use");
        }
        String secretKey = req.secretKey() != null ? req.secretKey() : RootCredentials.newSecretKey(context.random());
        User user = new User(req.name(), accessKey, secretKey, context.clock().instant());
        try {
            context.users().create(user);
        } catch (UserExistsException e) {
            throw new ApiException(409, e.getMessage().startsWith("a user") ? "UserAlreadyExists"
                    : "AccessKeyAlreadyExists", e.getMessage());
        }
        log.info("User {} created by {} with access key {}", user.name(), principal.user(), user.accessKey());
        Map<String, Object> out = describe(user);
        out.put("secretKey", user.secretKey());
        JsonReply.send(response, callback, 201, out);
    }

    private void list(Response response, Callback callback) throws IOException {
        List<Map<String, Object>> users = context.users().list().stream().map(UsersApi::describe).toList();
        JsonReply.send(response, callback, 200, Map.of("users", users));
    }

    private void delete(String name, Principal principal, Response response, Callback callback)
            throws ApiException, IOException {
        if (name.equals(context.identities().rootUser())) {
            throw new ApiException(400, "CannotDeleteRoot", "the root user cannot be deleted");
        }
        try {
            context.users().delete(name);
        } catch (NoSuchUserException e) {
            throw new ApiException(404, "NoSuchUser", e.getMessage());
        }
        log.info("User {} deleted by {}", name, principal.user());
        JsonReply.empty(response, callback, 204);
    }

    private static Map<String, Object> describe(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name());
        m.put("accessKey", u.accessKey());
        m.put("created", u.created().toString());
        return m;
    }
}
