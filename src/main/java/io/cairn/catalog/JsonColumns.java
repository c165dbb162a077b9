package io.cairn.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encodes the catalog's document-valued columns (user metadata, tags, ACL grants, attachment
 * steps) as JSON text, the one column type every SQL database stores the same way. Maps keep their
 * keys sorted so equal maps encode equally.
 */
final class JsonColumns {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

  /**
   * ACL documents already parsed, by their text. Most rows carry one of a few (the owner's full
   * control, plus a canned grant or two), and parsing one was a twentieth of a GET that missed the
   * entry cache. {@link Acl} is immutable, so one instance serves every row.
   */
  private static final ConcurrentHashMap<String, Acl> PARSED_ACLS = new ConcurrentHashMap<>();
  private static final int MAX_PARSED_ACLS = 1024;

  private JsonColumns() {}

  private static final String EMPTY_MAP = "{}";

  static String ofMap(Map<String, String> map) {
    // Most objects have no user metadata and no tags: no serializer for those.
    return map == null || map.isEmpty() ? EMPTY_MAP : write(new TreeMap<>(map));
  }

  static Map<String, String> map(String json) throws SQLException {
    if (EMPTY_MAP.equals(json)) {
      return Map.of();
    }
    try {
      return Collections.unmodifiableMap(new LinkedHashMap<>(MAPPER.readValue(json, MAP)));
    } catch (JsonProcessingException e) {
      throw new SQLException("corrupt JSON map column", e);
    }
  }

  static String ofList(List<String> list) {
    return write(list);
  }

  static List<String> list(String json) throws SQLException {
    try {
      return List.copyOf(MAPPER.readValue(json, LIST));
    } catch (JsonProcessingException e) {
      throw new SQLException("corrupt JSON list column", e);
    }
  }

  private static final TypeReference<List<Long>> LONGS = new TypeReference<>() {};

  static String ofLongs(List<Long> list) {
    return list == null ? null : write(list);
  }

  static List<Long> longs(String json) throws SQLException {
    if (json == null) {
      return null;
    }
    try {
      return List.copyOf(MAPPER.readValue(json, LONGS));
    } catch (JsonProcessingException e) {
      throw new SQLException("corrupt JSON number list column", e);
    }
  }

  static String ofAcl(Acl acl) {
    return write((acl == null ? Acl.none() : acl).grants());
  }

  static Acl acl(String json) throws SQLException {
    Acl known = PARSED_ACLS.get(json);
    if (known != null) {
      return known;
    }
    Acl acl;
    try {
      acl = new Acl(List.of(MAPPER.readValue(json, Acl.Grant[].class)));
    } catch (JsonProcessingException e) {
      throw new SQLException("corrupt JSON ACL column", e);
    }
    if (PARSED_ACLS.size() >= MAX_PARSED_ACLS) {
      PARSED_ACLS.clear(); // a crude bound: the common documents are back after a few reads
    }
    PARSED_ACLS.put(json, acl);
    return acl;
  }

  private static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode as JSON", e);
    }
  }
}
