package io.cairn.volumes.host;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attaches and detaches volumes on one configured host by running its type's steps in order.
 *
 * <p>All or nothing: when a step fails, the steps already done are undone in reverse order before
 * the failure is reported (VBS's consistency mechanism for multi-step operations), so a failed
 * attach leaves the VM as it was. A forced detach keeps going past failing steps.
 */
public final class HostAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(HostAdapter.class);

  private final String hostName;
  private final HostType type;
  private final Map<String, String> settings;
  private final HostTools tools;

  HostAdapter(String hostName, HostType type, Map<String, String> settings, HostTools tools) {
    this.hostName = hostName;
    this.type = type;
    this.settings = Map.copyOf(settings);
    this.tools = tools;
  }

  public String hostName() {
    return hostName;
  }

  public String typeName() {
    return type.name();
  }

  /** Runs the attach steps; returns their descriptions. On failure everything done is undone. */
  public List<String> attach(AttachParameters p) throws HostStepException {
    return runAll("attach", bind(type.attach(), p), false);
  }

  /** Runs the detach steps; with {@code force}, failures are logged and skipped. */
  public List<String> detach(AttachParameters p, boolean force) throws HostStepException {
    return runAll("detach", bind(type.detach(), p), force);
  }

  private List<HostStep> bind(List<StepTemplate> templates, AttachParameters p) {
    Placeholders values = new Placeholders(p.values(type.valuesFor(settings, p.mode())));
    return templates.stream().map(t -> t.bind(values)).toList();
  }

  private List<String> runAll(String what, List<HostStep> steps, boolean force) throws HostStepException {
    List<HostStep> done = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (HostStep step : steps) {
      try {
        step.run(tools);
        done.add(step);
      } catch (IOException e) {
        if (force) {
          LOG.warn("{} on host {}: step '{}' failed, continuing (forced): {}", what, hostName, step.description(), e.getMessage());
          skipped.add(step.description());
          continue;
        }
        List<String> undoFailures = rollBack(done);
        throw new HostStepException(what, hostName, step.description(), e, descriptions(done), undoFailures);
      }
    }
    return descriptions(done);
  }

  private List<String> rollBack(List<HostStep> done) {
    List<String> failures = new ArrayList<>();
    for (int i = done.size() - 1; i >= 0; i--) {
      HostStep step = done.get(i);
      try {
        step.undo(tools);
      } catch (IOException e) {
        LOG.error("rollback on host {}: undoing '{}' failed: {}", hostName, step.description(), e.getMessage());
        failures.add(step.description() + ": " + e.getMessage());
      }
    }
    return failures;
  }

  private static List<String> descriptions(List<HostStep> steps) {
    return steps.stream().map(HostStep::description).toList();
  }
}
