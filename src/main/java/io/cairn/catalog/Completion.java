package io.cairn.catalog;

import java.util.List;

/**
 * A completed multipart upload: the object version stored (and the "null" version it replaced,
 * if any), and every part the upload held. The caller deletes the blobs of parts its final object
 * does not reference, and of the replaced version.
 */
public record Completion(PutOutcome put, List<Part> parts) {}
