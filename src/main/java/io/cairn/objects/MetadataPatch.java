package io.cairn.objects;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A change to an object's metadata with JSON merge patch semantics (RFC 7386): a field named with
 * a value sets it, named with null removes it, not named stays as it is. Immutable.
 *
 * @param headers changes to the standard fields, by their names in {@link #HEADERS}
 * @param user changes to user metadata ({@code x-amz-meta-*} names, case-insensitive)
 */
public record MetadataPatch(Map<String, String> headers, Map<String, String> user) {
  /** The standard fields a patch may name. */
  public static final Set<String> HEADERS = Set.of("contentType", "contentEncoding",
      "contentDisposition", "contentLanguage", "cacheControl", "expires");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");

  /**
   * {@link IllegalArgumentException} for an unknown standard field or a user metadata name that
   * is not an HTTP header token.
   */
  public MetadataPatch {
    Map<String, String> h = new LinkedHashMap<>();
    headers.forEach((name, value) -> {
      if (!HEADERS.contains(name)) {
        throw new IllegalArgumentException("unknown metadata field " + name + " (known: "
            + String.join(", ", new java.util.TreeSet<>(HEADERS)) + ")");
      }
      h.put(name, value);
    });
    Map<String, String> u = new LinkedHashMap<>();
    user.forEach((name, value) -> {
      if (name == null || !TOKEN.matcher(name).matches()) {
        throw new IllegalArgumentException("invalid user metadata name: " + name);
      }
      u.put(name.toLowerCase(Locale.ROOT), value);
    });
    headers = Collections.unmodifiableMap(h);
    user = Collections.unmodifiableMap(u);
  }

  /** The metadata after this patch. */
  public ObjectMetadata applyTo(ObjectMetadata m) {
    Map<String, String> newUser = new TreeMap<>(m.user());
    user.forEach((name, value) -> {
      if (value == null) {
        newUser.remove(name);
      } else {
        newUser.put(name, value);
      }
    });
    return new ObjectMetadata(
        field("contentType", m.contentType()),
        field("contentEncoding", m.contentEncoding()),
        field("contentDisposition", m.contentDisposition()),
        field("contentLanguage", m.contentLanguage()),
        field("cacheControl", m.cacheControl()),
        field("expires", m.expires()),
        newUser);
  }

  private String field(String name, String current) {
    return headers.containsKey(name) ? headers.get(name) : current;
  }
}
