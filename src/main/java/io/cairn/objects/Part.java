package io.cairn.objects;

import java.time.Instant;

/** One uploaded part of a multipart upload; its bytes are a blob of their own until completion. */
public record Part(int number, long blobId, long size, String etag, Instant lastModified) {}
