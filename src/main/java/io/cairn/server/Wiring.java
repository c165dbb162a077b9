package io.cairn.server;

import io.cairn.api.AclApi;
import io.cairn.api.ObjectsApi;
import io.cairn.api.KeyRingApi;
import io.cairn.api.VolumesApi;
import io.cairn.ec2.Ec2Api;
import io.cairn.ec2.Ec2Handler;
import io.cairn.objects.AccessControl;
import io.cairn.objects.BlobRetirement;
import io.cairn.objects.CatalogObjectStore;
import io.cairn.objects.MultipartService;
import io.cairn.objects.InlineStats;
import io.cairn.objects.ObjectService;
import io.cairn.objects.encryption.FileKeyRing;
import io.cairn.objects.encryption.KeyRing;
import io.cairn.s3.Addressing;
import io.cairn.s3.S3Handler;
import io.cairn.s3.auth.AccessKey;
import io.cairn.s3.auth.RequestAuthenticator;
import io.cairn.server.auth.SigV4Verifier;
import io.micrometer.core.instrument.FunctionCounter;
import org.eclipse.jetty.server.Handler;

/**
 * The production server: every front end and service Cairn has, mounted on one builder. Front
 * ends plug in here — {@code .s3(ctx -> ...)} for the S3 handler, {@code .listener(ctx -> ...)}
 * for NBD, {@code .apiRoute(ctx -> ...)} for REST routes under /api/v1,
 * {@code .controlPlaneRoute("/ui", ctx -> ...)} for the console — so tests can start the same
 * server or a smaller one through {@link CairnServer#builder}.
 *
 * <p>Owners: every owner column (buckets, objects, volumes, snapshots) holds the catalog's
 * canonical user id of the principal, so deleting a user who still owns something is refused.
 */
public final class Wiring {
    /** S3's minimum size for every multipart part but the last. */
    static final long MIN_PART_SIZE = 5L << 20;

    private Wiring() {
    }

    public static CairnServer.Builder production(Config config) {
        return CairnServer.builder(config)
                .s3(Wiring::s3, S3Handler::configure)
                .listener(ctx -> BlockServices.of(ctx).listener())
                .apiRoute(ctx -> new AclApi(new AccessControl(objects(ctx))))
                .apiRoute(ctx -> {
                    BlockServices block = BlockServices.of(ctx);
                    return new VolumesApi(block.volumes(), block.exportHost(), block::nbdPort);
                })
                .apiRoute(ctx -> new ObjectsApi(objects(ctx)))
                .apiRoute(ctx -> new KeyRingApi(keyRing(ctx)))
                // The EC2 Query API answers at "/" exactly (SigV4 service ec2).
                .controlPlaneRoute("/", ctx -> new Ec2Handler(new Ec2Api(BlockServices.of(ctx).volumes()),
                        ctx.identities(), ctx.clock()));
    }

    /** The one object service the S3 port and the REST API share. */
    static ObjectService objects(ServerContext ctx) throws java.io.IOException {
        KeyRing keyRing = keyRing(ctx);
        return ctx.shared(ObjectService.class, c -> {
            // Blobs of overwritten or deleted objects are deleted a minute later, so GETs under way
            // finish; those still pending at shutdown are left as orphans (no entry points at them).
            BlobRetirement retirement = BlobRetirement.after(c.blobs(), S3Handler.RETIRE_AFTER);
            c.closeOnShutdown(retirement);
            ObjectService service = new ObjectService(
                    new CatalogObjectStore(c.catalog(), c.config().get(Settings.REGION)), c.blobs(), c.clock(),
                    retirement, keyRing, c.random(), c.config().get(Settings.INLINE_OBJECT_MAX));
            InlineStats inline = service.inlineStats();
            FunctionCounter.builder("cairn.objects.inline.puts", inline, InlineStats::puts)
                    .description("objects stored in their catalog row (no blob)").register(c.metrics());
            FunctionCounter.builder("cairn.objects.inline.gets", inline, InlineStats::gets)
                    .description("reads of objects stored in their catalog row").register(c.metrics());
            return service;
        });
    }

    /** The server's key ring (SSE-S3, SSE-KMS): one per server, shared by S3 and the REST API. */
    static KeyRing keyRing(ServerContext ctx) throws java.io.IOException {
        return ctx.shared(KeyRing.class, c -> FileKeyRing.open(c.config().get(Settings.MASTER_KEY_FILE),
                c.config().get(Settings.KEY_RING), c.random()));
    }

    static Handler s3(ServerContext ctx) throws java.io.IOException {
        String region = ctx.config().get(Settings.REGION);
        ObjectService objects = objects(ctx);
        MultipartService multipart = new MultipartService(objects, MIN_PART_SIZE);
        RequestAuthenticator auth = new RequestAuthenticator(
                accessKey -> ctx.identities().byAccessKey(accessKey)
                        .map(i -> new AccessKey(i.accessKey(), i.secretKey(), i.userId())),
                ctx.clock(), SigV4Verifier.DEFAULT_MAX_SKEW);
        return new S3Handler(objects, multipart, auth, new Addressing(ctx.config().get(Settings.S3_DOMAINS)), region);
    }
}
