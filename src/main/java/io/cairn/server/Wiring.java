package io.cairn.server;

import io.cairn.api.VolumesApi;
import io.cairn.ec2.Ec2Api;
import io.cairn.ec2.Ec2Handler;
import io.cairn.s3.S3Handler;
import io.cairn.s3.auth.AccessKey;
import java.util.concurrent.ScheduledThreadPoolExecutor;

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
        return CairnServer.builder(config)
                .s3(ctx -> {
                    Storage storage = Storage.of(ctx);
                    // Deletes replaced objects' blobs a minute later; those pending at shutdown
                    // are left as orphans (the catalog no longer points at them).
                    ScheduledThreadPoolExecutor retire = new ScheduledThreadPoolExecutor(1,
                            Thread.ofPlatform().name("s3-blob-retire").daemon(true).factory());
                    retire.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
                    ctx.closeOnShutdown(() -> retire.shutdownNow());
                    return S3Handler.create(storage.catalog(), storage.blobs(),
                            id -> ctx.identities().byAccessKey(id)
                                    .map(i -> new AccessKey(i.accessKey(), i.secretKey(), i.user())),
                            ctx.clock(), retire, ctx.config().get(Settings.S3_DOMAIN));
                })
                .listener(ctx -> BlockServices.of(ctx).listener())
                .apiRoute(ctx -> {
                    BlockServices block = BlockServices.of(ctx);
                    return new VolumesApi(block.volumes(), block.exportHost(), block::nbdPort);
                })
                // The EC2 Query API answers at "/": mounted last, it takes what nothing else claims.
                .controlPlaneRoute("/", ctx -> new Ec2Handler(new Ec2Api(BlockServices.of(ctx).volumes()),
                        ctx.identities(), ctx.clock()));
    }
}
