package io.cairn.catalog;

/**
 * The standard HTTP headers stored with an object and returned on GET/HEAD, each null when not
 * set. {@code expires} is kept as the client sent it (an HTTP date).
 */
public record ContentHeaders(
    String contentType,
    String contentEncoding,
    String contentDisposition,
    String contentLanguage,
    String cacheControl,
    String expires) {

  public static ContentHeaders none() {
    return new ContentHeaders(null, null, null, null, null, null);
  }

  public static ContentHeaders ofType(String contentType) {
    return new ContentHeaders(contentType, null, null, null, null, null);
  }
}
