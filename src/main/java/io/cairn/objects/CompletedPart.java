package io.cairn.objects;

/** A part as a CompleteMultipartUpload request names it: number and the ETag it was given. */
public record CompletedPart(int number, String etag) {}
