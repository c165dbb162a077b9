package io.cairn.volumes.host;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** A step with its placeholders filled: ready to run on the host, and to be undone. */
sealed interface HostStep {

  /** What the step does, for logs, errors and the attachment's record of steps done. */
  String description();

  void run(HostTools tools) throws IOException;

  /** Reverts {@link #run}; a step with nothing to undo does nothing. */
  void undo(HostTools tools) throws IOException;

  record Command(List<String> argv, List<String> undoArgv) implements HostStep {
    @Override
    public String description() {
      return String.join(" ", argv);
    }

    @Override
    public void run(HostTools tools) throws IOException {
      tools.commands().run(argv);
    }

    @Override
    public void undo(HostTools tools) throws IOException {
      if (!undoArgv.isEmpty()) {
        tools.commands().run(undoArgv);
      }
    }
  }

  record Qmp(String socket, JsonNode command, JsonNode undoCommand) implements HostStep {
    @Override
    public String description() {
      return "qmp " + socket + " " + command.path("execute").asText();
    }

    @Override
    public void run(HostTools tools) throws IOException {
      tools.qmp().execute(Path.of(socket), command);
    }

    @Override
    public void undo(HostTools tools) throws IOException {
      if (undoCommand != null) {
        tools.qmp().execute(Path.of(socket), undoCommand);
      }
    }
  }

  record File(Path path, String content) implements HostStep {
    @Override
    public String description() {
      return "write " + path;
    }

    @Override
    public void run(HostTools tools) throws IOException {
      Files.createDirectories(path.toAbsolutePath().getParent());
      Files.deleteIfExists(path);
      // The file may describe a VM's disk: readable by its owner only.
      Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(path, content, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
    }

    @Override
    public void undo(HostTools tools) throws IOException {
      Files.deleteIfExists(path);
    }
  }
}
