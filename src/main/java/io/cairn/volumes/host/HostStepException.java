package io.cairn.volumes.host;

import java.io.IOException;
import java.util.List;

/**
 * An attach or detach step failed on a host. {@link #rolledBack()} lists the steps that were done
 * and then undone; {@link #undoFailures()} lists undo steps that failed too (the host may need a
 * person's attention then).
 */
public final class HostStepException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String failedStep;
  private final List<String> rolledBack;
  private final List<String> undoFailures;

  HostStepException(
      String operation, String host, String failedStep, IOException cause, List<String> rolledBack, List<String> undoFailures) {
    super(
        operation + " on host " + host + " failed at '" + failedStep + "': " + cause.getMessage()
            + (rolledBack.isEmpty() ? "" : "; rolled back " + rolledBack.size() + " step(s)")
            + (undoFailures.isEmpty() ? "" : "; rollback incomplete: " + undoFailures),
        cause);
    this.failedStep = failedStep;
    this.rolledBack = List.copyOf(rolledBack);
    this.undoFailures = List.copyOf(undoFailures);
  }

  public String failedStep() {
    return failedStep;
  }

  public List<String> rolledBack() {
    return rolledBack;
  }

  public List<String> undoFailures() {
    return undoFailures;
  }
}
