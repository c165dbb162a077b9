package io.cairn.server;

import io.cairn.api.Ec2Endpoint;
import io.cairn.objects.CatalogObjectStore;
import io.cairn.objects.MultipartService;
import io.cairn.objects.ObjectService;
import io.cairn.s3.Addressing;
import io.cairn.s3.S3Handler;
import io.cairn.s3.auth.AccessKey;
import io.cairn.s3.auth.RequestAuthenticator;
import io.cairn.server.auth.SigV4Verifier;
import io.cairn.volumes.BlobVolumes;
import io.cairn.volumes.Capacity;
import io.cairn.volumes.VolumeAttachments;
import io.cairn.volumes.VolumeService;
import io.cairn.volumes.VolumeSettings;
import io.cairn.volumes.host.HostDirectory;
import io.cairn.volumes.host.HostTools;
import java.io.IOException;
import java.util.List;
import org.eclipse.jetty.server.Handler;

/**
 * The production server: every front end and service Cairn has, mounted on one builder. Front
 * ends plug in here — {@code .s3(ctx -> ...)} for the S3 handler, {@code .listener(ctx -> ...)}
 * for NBD, {@code .controlPlaneRoute("/ui", ctx -> ...)} for the console — so tests can start the
 * same server or a smaller one through {@link CairnServer#builder}.
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
                .controlPlaneRoute("/", Wiring::ec2)
                .listener(NbdListener::new);
    }

    /**
     * The EC2 Query API on the volume service. The hosts file is read now, so a bad one stops the
     * start; the service itself is built on the first request, once the server is ready, because
     * attachments name the NBD listener's bound port (an ephemeral one when nbd-port is 0).
     */
    static Handler ec2(ServerContext ctx) throws IOException {
        Config c = ctx.config();
        HostDirectory hosts = HostDirectory.load(c.get(Settings.HOSTS), ctx.dataDir().resolve("host-state"),
                HostTools.system());
        return new Ec2Endpoint(ctx, () -> volumes(ctx, hosts));
    }

    static VolumeService volumes(ServerContext ctx, HostDirectory hosts) {
        Config c = ctx.config();
        String region = c.get(Settings.REGION);
        String nbdHost = c.get(Settings.NBD_HOST);
        int nbdPort = ctx.listenerPort("nbd").orElse(c.get(Settings.NBD_PORT));
        VolumeSettings settings = new VolumeSettings(region, List.of(region + "a"), nbdHost, nbdPort, 4.0);
        return new BlobVolumes(ctx.catalog(), ctx.blobs(), settings, Capacity.of(ctx.dataDir()),
                new VolumeAttachments(ctx.catalog(), hosts, nbdHost, nbdPort));
    }

    static Handler s3(ServerContext ctx) {
        String region = ctx.config().get(Settings.REGION);
        ObjectService objects = new ObjectService(new CatalogObjectStore(ctx.catalog(), region), ctx.blobs(),
                ctx.clock());
        MultipartService multipart = new MultipartService(objects, MIN_PART_SIZE);
        RequestAuthenticator auth = new RequestAuthenticator(
                accessKey -> ctx.identities().byAccessKey(accessKey)
                        .map(i -> new AccessKey(i.accessKey(), i.secretKey(), i.userId())),
                ctx.clock(), SigV4Verifier.DEFAULT_MAX_SKEW);
        return new S3Handler(objects, multipart, auth, new Addressing(ctx.config().get(Settings.S3_DOMAINS)), region);
    }
}
