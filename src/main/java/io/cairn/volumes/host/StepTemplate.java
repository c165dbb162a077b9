package io.cairn.volumes.host;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One step of a host type's attach or detach, as configured: a pattern with placeholders and,
 * where the step changes the host, the pattern that undoes it. Binding fills the placeholders.
 */
sealed interface StepTemplate {

  HostStep bind(Placeholders values);

  /** Runs a program (no shell: each element is one argument) and optionally its undo. */
  record Command(List<String> run, List<String> undo) implements StepTemplate {
    public Command {
      if (run == null || run.isEmpty()) {
        throw new IllegalArgumentException("a command step needs a non-empty 'run'");
      }
      run = List.copyOf(run);
      undo = undo == null ? List.of() : List.copyOf(undo);
    }

    @Override
    public HostStep bind(Placeholders values) {
      List<String> argv = run.stream().map(values::fill).toList();
      List<String> undoArgv = undo.stream().map(values::fill).toList();
      return new HostStep.Command(argv, undoArgv);
    }
  }

  /** Sends one QMP command to a QEMU monitor socket, and optionally the command that undoes it. */
  record Qmp(String socket, JsonNode command, JsonNode undo) implements StepTemplate {
    public Qmp {
      if (socket == null || command == null || !command.hasNonNull("execute")) {
        throw new IllegalArgumentException("a qmp step needs 'qmp' (socket path) and 'execute'");
      }
    }

    @Override
    public HostStep bind(Placeholders values) {
      return new HostStep.Qmp(values.fill(socket), values.fill(command), undo == null ? null : values.fill(undo));
    }
  }

  /** Writes a file (such as a libvirt device XML) that later steps name; undo deletes it. */
  record File(String path, String content) implements StepTemplate {
    public File {
      if (path == null || content == null) {
        throw new IllegalArgumentException("a file step needs 'file' and 'content'");
      }
    }

    @Override
    public HostStep bind(Placeholders values) {
      return new HostStep.File(java.nio.file.Path.of(values.fill(path)), values.fill(content));
    }
  }
}
