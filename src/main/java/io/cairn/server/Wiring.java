package io.cairn.server;

/**
 * The production server: every front end and service Cairn has, mounted on one builder. Front
 * ends plug in here — {@code .s3(ctx -> ...)} for the S3 handler, {@code .listener(ctx -> ...)}
 * for NBD, {@code .controlPlaneRoute("/ui", ctx -> ...)} for the console — so tests can start the
 * same server or a smaller one through {@link CairnServer#builder}.
 */
public final class Wiring {
    private Wiring() {
    }

    public static CairnServer.Builder production(Config config) {
        return CairnServer.builder(config);
    }
}
