package io.cairn.volumes.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills command patterns: every {@code {name}} is replaced by its value. A placeholder with no
 * value is an error naming it, never an empty string, so a typo in a pattern fails before anything
 * runs on the host.
 */
final class Placeholders {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_-]*)}");

  private final Map<String, String> values;

  Placeholders(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  String fill(String pattern) {
    Matcher m = PLACEHOLDER.matcher(pattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("pattern '" + pattern + "' names {" + m.group(1) + "}, which has no value");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Fills every string inside a JSON document. A string that is exactly one placeholder whose
   * value is {@code true} or {@code false} becomes a JSON boolean, so QMP's typed arguments such
   * as {@code "read-only": "{readonly}"} work.
   */
  JsonNode fill(JsonNode template) {
    if (template == null) {
      return null;
    }
    if (template.isTextual()) {
      String text = template.textValue();
      String filled = fill(text);
      if (PLACEHOLDER.matcher(text).matches() && (filled.equals("true") || filled.equals("false"))) {
        return BooleanNode.valueOf(Boolean.parseBoolean(filled));
      }
      return TextNode.valueOf(filled);
    }
    if (template.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(fill(e.getKey()), fill(e.getValue()));
      }
      return out;
    }
    if (template.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      template.forEach(n -> out.add(fill(n)));
      return out;
    }
    return template.deepCopy();
  }
}
