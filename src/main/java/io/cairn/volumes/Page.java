package io.cairn.volumes;

import java.util.List;

/** One page of results and the token for the next page (null when this is the last). */
public record Page<T>(List<T> items, String nextToken) {}
