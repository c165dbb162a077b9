package io.cairn.blob;

/** An allocated range of a blob: [offset, offset + length). */
public record Extent(long offset, long length) {}
