package io.cairn.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The policy document of a POST Object (browser-based upload): its expiration and the conditions
 * the form fields must meet ("Creating a POST policy", S3 API). A malformed document is
 * InvalidPolicyDocument (400); a form that breaks it is AccessDenied (403). Immutable.
 */
final class PostPolicy {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Fields a policy need not mention: they carry the policy, its signature and the file. */
  private static final Set<String> EXEMPT = Set.of("policy", "signature", "awsaccesskeyid",
      "x-amz-signature", "file");

  /** A condition on one form field (lower case, without '$'). */
  private record Condition(String field, boolean prefix, String value) {}

  private final Instant expiration;
  private final List<Condition> conditions;
  private final long minLength;
  private final long maxLength;

  private PostPolicy(Instant expiration, List<Condition> conditions, long minLength,
      long maxLength) {
    this.expiration = expiration;
    this.conditions = conditions;
    this.minLength = minLength;
    this.maxLength = maxLength;
  }

  /** Parses the base64 policy field. */
  static PostPolicy parse(String base64) {
    JsonNode root;
    try {
      byte[] json = Base64.getMimeDecoder().decode(base64.strip());
      root = JSON.readTree(new String(json, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | IOException e) {
      throw invalid("Invalid Policy: Invalid JSON.");
    }
    if (root == null || !root.isObject()) {
      throw invalid("Invalid Policy: Invalid JSON.");
    }
    JsonNode exp = root.get("expiration");
    if (exp == null || !exp.isTextual()) {
      throw invalid("Invalid Policy: Policy missing expiration.");
    }
    Instant expiration;
    try {
      expiration = Instant.parse(exp.asText());
    } catch (DateTimeParseException e) {
      throw invalid("Invalid Policy: Invalid 'expiration' value: '" + exp.asText() + "'");
    }
    JsonNode list = root.get("conditions");
    if (list == null || !list.isArray()) {
      throw invalid("Invalid Policy: Policy missing conditions.");
    }
    List<Condition> conditions = new ArrayList<>();
    long min = 0;
    long max = Long.MAX_VALUE;
    for (JsonNode c : list) {
      if (c.isObject()) {
        if (c.size() != 1) {
          throw invalid("Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have"
              + " exactly one property specified.");
        }
        Map.Entry<String, JsonNode> e = c.fields().next();
        if (!e.getValue().isValueNode()) {
          throw invalid("Invalid Policy: Invalid Simple-Condition: value must be a string.");
        }
        conditions.add(new Condition(e.getKey().toLowerCase(Locale.ROOT), false,
            e.getValue().asText()));
      } else if (c.isArray() && c.size() > 0 && c.get(0).isTextual()) {
        String op = c.get(0).asText().toLowerCase(Locale.ROOT);
        switch (op) {
          case "eq", "starts-with" -> {
            if (c.size() != 3 || !c.get(1).isTextual() || !c.get(2).isValueNode()
                || !c.get(1).asText().startsWith("$")) {
              throw invalid("Invalid Policy: Invalid '" + op + "' condition.");
            }
            conditions.add(new Condition(c.get(1).asText().substring(1).toLowerCase(Locale.ROOT),
                op.equals("starts-with"), c.get(2).asText()));
          }
          case "content-length-range" -> {
            if (c.size() != 3 || !isCount(c.get(1)) || !isCount(c.get(2))
                || c.get(1).asLong() > c.get(2).asLong()) {
              throw invalid("Invalid Policy: Invalid content-length-range.");
            }
            min = c.get(1).asLong();
            max = c.get(2).asLong();
          }
          default -> throw invalid("Invalid Policy: Invalid condition '" + op + "'.");
        }
      } else {
        throw invalid("Invalid Policy: Invalid condition.");
      }
    }
    return new PostPolicy(expiration, List.copyOf(conditions), min, max);
  }

  private static boolean isCount(JsonNode n) {
    if (n.isIntegralNumber()) {
      return n.asLong() >= 0;
    }
    if (n.isTextual()) {
      try {
        return Long.parseLong(n.asText()) >= 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return false;
  }

  long minLength() {
    return minLength;
  }

  long maxLength() {
    return maxLength;
  }

  /**
   * AccessDenied unless the policy is unexpired at {@code now}, every condition holds for the
   * form's values ({@code value}: by lower-case field name, null when absent) and every field of
   * the form (lower-case names) is named by some condition.
   */
  void check(Instant now, Function<String, String> value, Iterable<String> formFields) {
    if (!now.isBefore(expiration)) {
      throw denied("Invalid according to Policy: Policy expired.");
    }
    for (Condition c : conditions) {
      String v = value.apply(c.field());
      String actual = v == null ? "" : v;
      boolean holds = c.prefix() ? actual.startsWith(c.value()) : actual.equals(c.value());
      if (!holds) {
        throw denied("Invalid according to Policy: Policy Condition failed: [\""
            + (c.prefix() ? "starts-with" : "eq") + "\", \"$" + c.field() + "\", \""
            + c.value() + "\"]");
      }
    }
    for (Iterator<String> it = formFields.iterator(); it.hasNext(); ) {
      String field = it.next();
      // x-amz-checksum-* only lets the upload be refused (the file must match it), never widens
      // what the policy allows, so it needs no condition.
      if (EXEMPT.contains(field) || field.startsWith("x-ignore-")
          || field.startsWith("x-amz-checksum-")) {
        continue;
      }
      if (conditions.stream().noneMatch(c -> c.field().equals(field))) {
        throw denied("Invalid according to Policy: Extra input fields: " + field);
      }
    }
  }

  private static S3Exception invalid(String message) {
    return new S3Exception(S3ErrorCode.INVALID_POLICY_DOCUMENT, message);
  }

  private static S3Exception denied(String message) {
    return new S3Exception(S3ErrorCode.ACCESS_DENIED, message);
  }
}
