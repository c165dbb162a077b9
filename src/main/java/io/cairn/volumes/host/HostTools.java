package io.cairn.volumes.host;

/** What steps use to act on a host: a program runner and a QMP client. Injected for tests. */
public record HostTools(CommandRunner commands, QmpClient qmp) {
  public static HostTools system() {
    return new HostTools(new ProcessCommandRunner(java.time.Duration.ofSeconds(60)), new QmpClient(java.time.Duration.ofSeconds(30)));
  }
}
