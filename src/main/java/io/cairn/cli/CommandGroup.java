package io.cairn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A {@code cairn} command that only groups subcommands ({@code user}, {@code volume}, ...): run
 * without one it prints its usage to stderr and exits with {@link ExitCodes#USAGE}.
 */
abstract class CommandGroup implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
