package io.cairn.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code cairn} command: {@code server}, {@code user ...}, {@code config ...}. */
@Command(name = "cairn", mixinStandardHelpOptions = true, version = "Cairn 0.1.0",
        description = "Objects (S3), block volumes (NBD) and VM images from one pool of disks.",
        subcommands = {UserCommand.class, VolumeCommand.class, SnapshotCommand.class, AclCommand.class,
                ObjectCommand.class, KmsCommand.class, ConfigCommand.class})
public final class Main implements Callable<Integer> {
    final Map<String, String> env;
    @Spec
    CommandSpec spec;

    Main(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line with the given environment and streams; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        Main main = new Main(env);
        CommandLine cli = new CommandLine(main);
        cli.addSubcommand("server", ServerCommand.spec(main));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliException c) {
                commandLine.getErr().println("cairn: " + c.getMessage());
                return c.exitCode();
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
