package io.cairn.s3;

import io.cairn.s3.auth.UriEncoding;
import java.util.List;
import java.util.Locale;

/**
 * Resolves which bucket and key a request names: virtual-host style ({@code Host:
 * bucket.<base domain>}) when the host is a subdomain of a configured base domain, else path style
 * ({@code /bucket/key}). Thread safe, immutable.
 */
public final class Addressing {
  private final List<String> baseDomains;

  /** @param baseDomains host names under which buckets are subdomains, e.g. {@code localhost}. */
  public Addressing(List<String> baseDomains) {
    this.baseDomains = baseDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
  }

  /**
   * The bucket (null for the service) and key (null for a bucket) of a request, and whether the
   * bucket came from the Host header (virtual-host style) rather than the path.
   */
  public record Target(String bucket, String key, boolean virtualHost) {
    public Target(String bucket, String key) {
      this(bucket, key, false);
    }
  }

  public Target resolve(String host, String rawPath) {
    String path = UriEncoding.decode(rawPath == null || rawPath.isEmpty() ? "/" : rawPath, false);
    String vhostBucket = virtualHostBucket(host);
    if (vhostBucket != null) {
      String key = path.length() > 1 ? path.substring(1) : null;
      return new Target(vhostBucket, key, true);
    }
    if (path.length() <= 1) {
      return new Target(null, null);
    }
    int slash = path.indexOf('/', 1);
    if (slash < 0) {
      return new Target(path.substring(1), null);
    }
    String key = path.substring(slash + 1);
    return new Target(path.substring(1, slash), key.isEmpty() ? null : key);
  }

  private String virtualHostBucket(String host) {
    if (host == null || host.isEmpty()) {
      return null;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      return null; // IPv6 literal
    }
    int colon = h.lastIndexOf(':');
    if (colon >= 0) {
      h = h.substring(0, colon);
    }
    for (String domain : baseDomains) {
      if (h.length() > domain.length() + 1 && h.endsWith(domain)
          && h.charAt(h.length() - domain.length() - 1) == '.') {
        return h.substring(0, h.length() - domain.length() - 1);
      }
    }
    return null;
  }
}
