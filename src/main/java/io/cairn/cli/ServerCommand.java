package io.cairn.cli;

import io.cairn.server.CairnServer;
import io.cairn.server.Config;
import io.cairn.server.ConfigException;
import io.cairn.server.Setting;
import io.cairn.server.Settings;
import io.cairn.server.Wiring;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code cairn server}: runs the server in the foreground until SIGTERM or Ctrl-C. Its options are
 * generated from {@link Settings#ALL}, so every setting has exactly one definition.
 */
final class ServerCommand implements Callable<Integer> {
    private final Main main;
    private CommandSpec spec;

    private ServerCommand(Main main) {
        this.main = main;
    }

    static CommandSpec spec(Main main) {
        ServerCommand command = new ServerCommand(main);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name("server").mixinStandardHelpOptions(true);
        spec.usageMessage().description("Runs the Cairn server in the foreground until SIGTERM or Ctrl-C.",
                "Each setting comes from its default < the config file < CAIRN_* env < these flags.");
        for (Setting<?> s : Settings.ALL) {
            spec.addOption(OptionSpec.builder(s.flag()).paramLabel(s.type().toUpperCase(java.util.Locale.ROOT))
                    .type(String.class).description(s.doc() + " (default " + s.defaultValue().replace("${", "$${") + ", env "
                            + s.envVar() + ")").build());
        }
        spec.addOption(OptionSpec.builder("--" + Config.CONFIG_FLAG).paramLabel("FILE").type(String.class)
                .description("config file (properties: setting = value); default DATA/" + Config.DEFAULT_FILE_NAME
                        + " when it exists (env " + Config.CONFIG_ENV + ")").build());
        command.spec = spec;
        return spec;
    }

    @Override
    public Integer call() throws CliException, InterruptedException {
        Map<String, String> flags = new LinkedHashMap<>();
        for (Setting<?> s : Settings.ALL) {
            String v = spec.findOption(s.flag()).getValue();
            if (v != null) {
                flags.put(s.name(), v);
            }
        }
        String configFile = spec.findOption("--" + Config.CONFIG_FLAG).getValue();
        if (configFile != null) {
            flags.put(Config.CONFIG_FLAG, configFile);
        }
        CairnServer server;
        try {
            Config config = Config.resolve(flags, main.env);
            server = Wiring.production(config).env(main.env).start();
        } catch (ConfigException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        } catch (IOException e) {
            throw new CliException(ExitCodes.REQUEST_FAILED, "cannot start: " + e.getMessage());
        }
        // SIGTERM and SIGINT run shutdown hooks: the graceful stop happens there.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        server.awaitStopped();
        return ExitCodes.OK;
    }
}
