package io.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cairn kms create|list}: the key ring's named keys for SSE-KMS, on a running server, as root. */
@Command(name = "kms", mixinStandardHelpOptions = true,
        description = "Manage the key ring's SSE-KMS keys (as root).",
        subcommands = {KmsCommand.Create.class, KmsCommand.ListKeys.class})
final class KmsCommand extends CommandGroup {
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a random 256-bit master key named KEY-ID (S3's SSE-KMS key id).")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        KmsCommand parent;
        @Spec
        CommandSpec spec;
        @Mixin
        ClientOptions.WithCredentials client;
        @Parameters(paramLabel = "KEY-ID", description = "letters, digits and /_.:+=@-, up to 256")
        String keyId;

        @Override
        public Integer call() throws CliException {
            JsonNode reply = client.client(parent.main.env).send("POST", "/api/v1/kms/keys",
                    Map.of("keyId", keyId));
            PrintWriter out = spec.commandLine().getOut();
            if (client.connection.json) {
                Json.print(out, reply);
            } else {
                out.println("Created KMS key " + reply.path("keyId").asText());
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the KMS key ids.")
    static final class ListKeys implements Callable<Integer> {
        @ParentCommand
        KmsCommand parent;
        @Spec
        CommandSpec spec;
        @Mixin
        ClientOptions.WithCredentials client;

        @Override
        public Integer call() throws CliException {
            JsonNode reply = client.client(parent.main.env).send("GET", "/api/v1/kms/keys", null);
            PrintWriter out = spec.commandLine().getOut();
            if (client.connection.json) {
                Json.print(out, reply);
                return ExitCodes.OK;
            }
            for (JsonNode k : reply.path("keys")) {
                out.println(k.asText());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
