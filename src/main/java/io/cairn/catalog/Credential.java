package io.cairn.catalog;

/** What request authentication needs for one access key: its user and its secret. */
public record Credential(User user, String accessKey, String secretKey) {
  /** Never prints the secret (the record default would). */
  @Override
  public String toString() {
    return "Credential[user=" + user.name() + ", accessKey=" + accessKey + ", secretKey=***]";
  }
}
