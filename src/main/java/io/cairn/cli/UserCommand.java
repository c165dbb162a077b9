package io.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cairn user create|list|delete}: manage users on a running server, as root. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage users (as root).",
        subcommands = {UserCommand.Create.class, UserCommand.ListUsers.class, UserCommand.Delete.class})
final class UserCommand extends CommandGroup {
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a user; prints its access key and secret key (the secret is shown only now).")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        UserCommand parent;
        @Spec
        CommandSpec spec;
        @Mixin
        ClientOptions client;
        @Parameters(paramLabel = "NAME", description = "user name: letters, digits, '.', '_', '-'")
        String name;
        @Option(names = "--access-key", paramLabel = "KEY",
                description = "the new user's access key id (default: generated). Your own credentials come "
                        + "from CAIRN_ACCESS_KEY/CAIRN_SECRET_KEY, else CAIRN_ROOT_ACCESS_KEY/CAIRN_ROOT_SECRET_KEY")
        String userAccessKey;
        @Option(names = "--secret-key", paramLabel = "SECRET",
                description = "the new user's secret key (default: generated)")
        String userSecretKey;

        @Override
        public Integer call() throws CliException {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("name", name);
            if (userAccessKey != null) {
                body.put("accessKey", userAccessKey);
            }
            if (userSecretKey != null) {
                body.put("secretKey", userSecretKey);
            }
            JsonNode user = client.client(parent.main.env, null, null).send("POST", "/api/v1/users", body);
            PrintWriter out = spec.commandLine().getOut();
            if (client.json) {
                Json.print(out, user);
            } else {
                out.println("Created user " + user.path("name").asText());
                out.println("  access key: " + user.path("accessKey").asText());
                out.println("  secret key: " + user.path("secretKey").asText() + "   (shown only now)");
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists users (root is not listed).")
    static final class ListUsers extends ClientCommand {
        @Override
        public Integer call() throws CliException {
            JsonNode reply = send("GET", "/api/v1/users", null);
            StringBuilder text = new StringBuilder(String.format("%-24s %-24s %s", "NAME", "ACCESS KEY", "CREATED"));
            for (JsonNode u : reply.path("users")) {
                text.append('\n').append(String.format("%-24s %-24s %s", u.path("name").asText(),
                        u.path("accessKey").asText(), u.path("created").asText()));
            }
            print(reply, text.toString());
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes a user; its key stops working at once.")
    static final class Delete extends ClientCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws CliException {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw new CliException(ExitCodes.USAGE, "'" + name + "' is not a valid user name");
            }
            send("DELETE", "/api/v1/users/" + name, null);
            print(Json.object("deleted", name), "Deleted user " + name);
            return ExitCodes.OK;
        }
    }
}
