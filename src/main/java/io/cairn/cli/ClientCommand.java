package io.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A subcommand that talks to the running server: it sends one signed request and prints the
 * answer as text, or as the server's JSON with {@code --json}.
 */
abstract class ClientCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions.WithCredentials client;

  /** The environment credentials and the endpoint are read from (the parent command's). */
  abstract Map<String, String> env();

  JsonNode send(String method, String path, Object body) throws CliException {
    return client.client(env()).send(method, path, body);
  }

  JsonNode send(String method, String path, Object body, Map<String, String> headers) throws CliException {
    return client.client(env()).send(method, path, body, headers);
  }

  void print(JsonNode reply, String text) {
    PrintWriter out = spec.commandLine().getOut();
    if (client.connection.json) {
      Json.print(out, reply);
    } else {
      out.println(text);
      out.flush();
    }
  }
}
