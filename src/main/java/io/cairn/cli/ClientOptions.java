package io.cairn.cli;

import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a client command reaches the server: endpoint and credentials, each from its flag, else the
 * environment, else the default (DESIGN.md, "CLI client side").
 */
final class ClientOptions {
    static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9001";

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "control-plane URL (env CAIRN_ENDPOINT, default " + DEFAULT_ENDPOINT + ")")
    String endpoint;

    @Option(names = "--json", description = "print machine-readable JSON")
    boolean json;

    /** The caller's own key pair as flags; {@code user create} leaves it out because there the flags name the new user's keys. */
    static final class Credentials {
        @Option(names = "--access-key", paramLabel = "KEY",
                description = "your access key id (env CAIRN_ACCESS_KEY, else CAIRN_ROOT_ACCESS_KEY)")
        String accessKey;

        @Option(names = "--secret-key", paramLabel = "SECRET",
                description = "your secret key (env CAIRN_SECRET_KEY, else CAIRN_ROOT_SECRET_KEY)")
        String secretKey;
    }

    /** {@code --endpoint}, {@code --json} and the caller's {@code --access-key}/{@code --secret-key}. */
    static final class WithCredentials {
        @Mixin
        ClientOptions connection;
        @Mixin
        Credentials credentials;

        ApiClient client(Map<String, String> env) throws CliException {
            return connection.client(env, credentials.accessKey, credentials.secretKey);
        }
    }

    /** A client using flag credentials if given, else CAIRN_ACCESS_KEY/CAIRN_SECRET_KEY, else the root pair. */
    ApiClient client(Map<String, String> env, String flagAccessKey, String flagSecretKey) throws CliException {
        String url = endpoint != null ? endpoint : env.getOrDefault("CAIRN_ENDPOINT", DEFAULT_ENDPOINT);
        String ak = flagAccessKey;
        String sk = flagSecretKey;
        if (ak == null && sk == null) {
            ak = env.get("CAIRN_ACCESS_KEY");
            sk = env.get("CAIRN_SECRET_KEY");
            if (ak == null && sk == null) {
                ak = env.get("CAIRN_ROOT_ACCESS_KEY");
                sk = env.get("CAIRN_ROOT_SECRET_KEY");
            }
        }
        if (ak == null || sk == null || ak.isBlank() || sk.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "no credentials: set CAIRN_ACCESS_KEY and CAIRN_SECRET_KEY "
                    + "(or give --access-key and --secret-key where the command takes them); the root pair was "
                    + "printed when the server first started and is stored in DATA/root.credentials");
        }
        return new ApiClient(url, ak, sk);
    }
}
