package io.cairn.catalog;

import java.time.Instant;

/** {@code holder} owns {@code resource} until {@code expires} unless it renews. */
public record Lease(String resource, String holder, Instant acquired, Instant expires) {}
