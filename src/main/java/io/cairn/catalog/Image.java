package io.cairn.catalog;

import java.time.Instant;
import java.util.Map;

/** A VM image: a named series of versions. {@code format} is e.g. raw, qcow2, vhd. */
public record Image(
    String id,
    String name,
    String owner,
    String format,
    String description,
    Instant created,
    Map<String, String> tags) {}
