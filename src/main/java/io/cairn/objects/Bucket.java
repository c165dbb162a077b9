package io.cairn.objects;

import java.time.Instant;

/** A bucket: a flat namespace of objects with one owner. */
public record Bucket(String name, String owner, Instant created) {}
