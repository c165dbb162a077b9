package io.cairn.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** JSON output for {@code --json}. */
final class Json {
  private Json() {}

  static void print(PrintWriter out, Object value) {
    try {
      out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }

  static JsonNode object(String key, String value) {
    return ApiClient.JSON.createObjectNode().put(key, value);
  }
}
