package io.cairn.catalog;

/** An additional object or part checksum ({@code x-amz-checksum-*}): algorithm and encoded value. */
public record Checksum(String algorithm, String value) {
  public Checksum {
    if (algorithm == null || value == null) {
      throw new IllegalArgumentException("checksum needs an algorithm and a value");
    }
  }
}
