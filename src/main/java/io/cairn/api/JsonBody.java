package io.cairn.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** Request bodies of the control plane: one JSON object each. */
final class JsonBody {
    private JsonBody() {
    }

    /** The body as a JSON object (an empty one for an empty body); 400 MalformedJSON otherwise. */
    static JsonNode parse(byte[] body) throws ApiException {
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

    /** A field's text, or null when it is absent or JSON null. */
    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
