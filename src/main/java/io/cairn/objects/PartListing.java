package io.cairn.objects;

import java.util.List;

/** One page of an upload's parts; {@code nextMarker} is the last part number returned. */
public record PartListing(Upload upload, List<Part> parts, boolean truncated, int nextMarker) {}
