package io.cairn.s3.auth;

/**
 * An access key pair and the user it belongs to.
 *
 * @param id the access key id clients put in their credential scope
 * @param secret the secret key; never logged ({@link #toString()} hides it)
 * @param owner the user name, which owns the buckets the key creates
 */
public record AccessKey(String id, String secret, String owner) {
  @Override
  public String toString() {
    return "AccessKey[" + id + ", owner=" + owner + "]";
  }
}
