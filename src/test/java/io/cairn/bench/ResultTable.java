package io.cairn.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of one suite run. Rows come in groups (what is compared, e.g. "local write 1024 MiB");
 * the group's {@link #baseline} row is the reference and every later row of the group carries
 * {@code ratio = value / baseline value}.
 */
public final class ResultTable {
  /** One figure. {@code value} is null for a failed row; {@code ratio} is null without baseline. */
  public record Row(
      String group,
      String name,
      Double value,
      String unit,
      boolean baseline,
      Double ratio,
      String notes) {}

  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Row> baselines = new LinkedHashMap<>();
  private final List<Runnable> listeners = new ArrayList<>();

  /** Adds the group's reference row (the physical limit or a peer system). */
  public synchronized Row baseline(String group, String name, double value, String unit, String notes) {
    Row row = new Row(group, name, value, unit, true, 1.0, notes);
    baselines.put(group, row);
    return add(row);
  }

  public Row row(String group, String name, double value, String unit) {
    return row(group, name, value, unit, "");
  }

  /** Adds a measured row; its ratio is against the group's baseline when there is one. */
  public synchronized Row row(String group, String name, double value, String unit, String notes) {
    Row base = baselines.get(group);
    Double ratio = base == null || base.value() == 0 ? null : value / base.value();
    return add(new Row(group, name, value, unit, false, ratio, notes));
  }

  /** Records that a benchmark could not produce its figure. */
  public synchronized Row failed(String group, String name, Throwable cause) {
    return add(new Row(group, name, null, "", false, null, "FAILED: " + cause));
  }

  private Row add(Row row) {
    rows.add(row);
    listeners.forEach(Runnable::run);
    return row;
  }

  synchronized void onAdd(Runnable listener) {
    listeners.add(listener);
  }

  public synchronized List<Row> rows() {
    return Collections.unmodifiableList(new ArrayList<>(rows));
  }

  public synchronized boolean anyFailed() {
    return rows.stream().anyMatch(r -> r.value() == null);
  }

  /** Fixed-width text, one line per row, for the terminal. */
  public synchronized String render() {
    int gw = "group".length();
    int nw = "case".length();
    for (Row r : rows) {
      gw = Math.max(gw, r.group().length());
      nw = Math.max(nw, r.name().length());
    }
    String fmt = "%-" + gw + "s  %-" + nw + "s  %12s %-6s %7s  %s%n";
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, fmt, "group", "case", "value", "unit", "ratio", "notes"));
    String last = null;
    for (Row r : rows) {
      String group = r.group().equals(last) ? "" : r.group();
      last = r.group();
      // Sub-10 figures (milliseconds of a snapshot) need a second decimal to say anything.
      String value = r.value() == null ? "-"
          : String.format(Locale.ROOT, Math.abs(r.value()) < 10 ? "%.2f" : "%.1f", r.value());
      String ratio = r.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f", r.ratio());
      String notes = (r.baseline() ? "baseline" : "") + (r.notes().isEmpty() || !r.baseline() ? "" : "; ") + r.notes();
      sb.append(String.format(Locale.ROOT, fmt, group, r.name(), value, r.unit(), ratio, notes));
    }
    return sb.toString();
  }
}
