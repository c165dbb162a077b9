package io.cairn.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The stock aws cli as integration tests run it: signing with one key pair passed in the
 * environment and nothing of the machine's user (no config or credentials file, no pager), so
 * what a test sees depends only on the server it points at.
 */
public final class AwsCli {
  private AwsCli() {}

  /**
   * A process for {@code command} (the cli and its arguments) as {@code accessKey}, with
   * {@code home} (holding no aws files) as its home directory.
   */
  public static ProcessBuilder process(List<String> command, String accessKey, String secretKey,
      Path home) {
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.put("AWS_ACCESS_KEY_ID", accessKey);
    env.put("AWS_SECRET_ACCESS_KEY", secretKey);
    env.put("HOME", home.toString());
    env.put("AWS_CONFIG_FILE", home.resolve("none").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("none").toString());
    env.put("AWS_PAGER", "");
    return pb;
  }
}
