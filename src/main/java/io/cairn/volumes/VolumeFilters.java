package io.cairn.volumes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * EC2 Describe* semantics on an in-memory list: explicit ids (each must exist), filters (AND across
 * names, OR across values, {@code *} and {@code ?} wildcards) and pages ordered by id, the next
 * token being the last id of the page.
 */
final class VolumeFilters {
  private VolumeFilters() {}

  /** The value(s) of a named filter on a resource, or null if the filter name is unknown. */
  interface Attributes<T> {
    List<String> values(T item, String filterName);
  }

  static <T> Page<T> apply(List<T> all, VolumeQuery q, Function<T, String> id, Attributes<T> attributes, VolumeError notFound, String noun)
      throws VolumeException {
    List<T> items = new ArrayList<>(all);
    items.sort(Comparator.comparing(id));
    if (!q.ids().isEmpty()) {
      for (String wanted : q.ids()) {
        if (items.stream().noneMatch(i -> id.apply(i).equals(wanted))) {
          throw new VolumeException(notFound, "The " + noun + " '" + wanted + "' does not exist.");
        }
      }
      items.removeIf(i -> !q.ids().contains(id.apply(i)));
    }
    for (Map.Entry<String, List<String>> f : q.filters().entrySet()) {
      List<T> kept = new ArrayList<>();
      for (T item : items) {
        List<String> have = attributes.values(item, f.getKey());
        if (have == null) {
          throw new VolumeException(VolumeError.INVALID_PARAMETER, "The filter '" + f.getKey() + "' is invalid");
        }
        if (have.stream().anyMatch(h -> f.getValue().stream().anyMatch(pattern -> glob(pattern, h)))) {
          kept.add(item);
        }
      }
      items = kept;
    }
    if (q.nextToken() != null) {
      items.removeIf(i -> id.apply(i).compareTo(q.nextToken()) <= 0);
    }
    if (q.maxResults() < 0) {
      throw new VolumeException(VolumeError.INVALID_PARAMETER, "MaxResults must be positive");
    }
    if (q.maxResults() > 0 && items.size() > q.maxResults()) {
      List<T> page = items.subList(0, q.maxResults());
      return new Page<>(List.copyOf(page), id.apply(page.get(page.size() - 1)));
    }
    return new Page<>(List.copyOf(items), null);
  }

  /** EC2 filter values match with {@code *} (any run) and {@code ?} (one character). */
  static boolean glob(String pattern, String value) {
    if (value == null) {
      return false;
    }
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return value.matches(re.toString());
  }

  /** Tag filters shared by volumes and snapshots: {@code tag:KEY} and {@code tag-key}. */
  static List<String> tagFilter(Map<String, String> tags, String name) {
    if (name.startsWith("tag:")) {
      String v = tags.get(name.substring(4));
      return v == null ? List.of() : List.of(v);
    }
    if (name.equals("tag-key")) {
      return List.copyOf(tags.keySet());
    }
    if (name.equals("tag-value")) {
      return List.copyOf(tags.values());
    }
    return null;
  }
}
