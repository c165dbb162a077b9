package io.cairn.cli;

import io.cairn.server.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cairn config settings}: every server setting with its flag, env variable, default and meaning. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Server configuration.",
        subcommands = ConfigCommand.SettingsCommand.class)
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "settings", mixinStandardHelpOptions = true,
            description = "Prints every setting as a Markdown table (the README's configuration table).")
    static final class SettingsCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().getOut().print(Settings.markdownTable());
            spec.commandLine().getOut().flush();
        }
    }
}
