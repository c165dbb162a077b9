package io.cairn.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.objects.encryption.KeyRing;
import io.cairn.server.auth.Principal;
import java.io.IOException;
import java.util.Map;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/kms/keys}: the key ring's named master keys, which SSE-KMS requests name in
 * {@code x-amz-server-side-encryption-aws-kms-key-id}. Create ({@code POST {"keyId": ...}}) and
 * list (GET); root only. Key material never leaves the server.
 */
public final class KeyRingApi implements ApiRoute {
    private static final Logger log = LoggerFactory.getLogger(KeyRingApi.class);
    private final KeyRing ring;

    public KeyRingApi(KeyRing ring) {
        this.ring = ring;
    }

    @Override
    public boolean serves(String path) {
        return path.equals("/kms/keys");
    }

    @Override
    public void handle(String method, String path, byte[] body, Principal principal, Response response,
                       Callback callback) throws ApiException, IOException {
        if (!principal.root()) {
            throw new ApiException(403, "AccessDenied", "only root may manage the key ring");
        }
        switch (method) {
            case "GET" -> JsonReply.send(response, callback, 200, Map.of("keys", ring.keyIds()));
            case "POST" -> create(body, principal, response, callback);
            default -> throw new ApiException(405, "MethodNotAllowed", method + " is not allowed on /kms/keys");
        }
    }

    private void create(byte[] body, Principal principal, Response response, Callback callback)
            throws ApiException, IOException {
        String keyId;
        try {
            JsonNode node = JsonReply.JSON.readTree(body);
            keyId = node == null || !node.path("keyId").isTextual() ? null : node.path("keyId").asText();
        } catch (JacksonException e) {
            throw new ApiException(400, "MalformedJSON", "expected {\"keyId\": ...}: " + e.getOriginalMessage());
        }
        if (keyId == null) {
            throw new ApiException(400, "InvalidKeyId", "expected {\"keyId\": ...}");
        }
        try {
            ring.create(keyId);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "InvalidKeyId", e.getMessage());
        } catch (KeyRing.KeyExistsException e) {
            throw new ApiException(409, "KeyAlreadyExists", "a key named '" + keyId + "' already exists");
        }
        log.info("KMS key {} created by {}", keyId, principal.user());
        JsonReply.send(response, callback, 201, Map.of("keyId", keyId));
    }
}
