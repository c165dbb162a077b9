package io.cairn.s3.auth;

import java.util.Optional;

/**
 * Where the S3 front end looks up secrets: the user catalog behind the server. Implementations
 * must be thread safe and fast (called once per request).
 */
@FunctionalInterface
public interface AccessKeys {
  /** The key with this id, or empty if there is none (the request then fails InvalidAccessKeyId). */
  Optional<AccessKey> find(String accessKeyId);
}
