package io.cairn.objects;

import java.util.Map;

/**
 * What a client stores with an object besides its bytes and gets back on GET/HEAD: the standard
 * representation headers and user metadata ({@code x-amz-meta-*}, names lowercase without the
 * prefix). Null fields were not set.
 */
public record ObjectMetadata(
    String contentType,
    String contentEncoding,
    String contentDisposition,
    String contentLanguage,
    String cacheControl,
    String expires,
    Map<String, String> user) {

  public static final ObjectMetadata EMPTY =
      new ObjectMetadata(null, null, null, null, null, null, Map.of());

  public ObjectMetadata {
    user = Map.copyOf(user);
  }
}
