package io.cairn.s3;

import io.cairn.blob.BlobStoreConfig;
import io.cairn.blob.LogBlobStore;
import io.cairn.catalog.Catalog;
import io.cairn.log.SegmentLog;
import io.cairn.log.SegmentLogConfig;
import io.cairn.medium.LocalMedium;
import io.cairn.objects.BlobRetirement;
import io.cairn.objects.CatalogObjectStore;
import io.cairn.objects.MultipartService;
import io.cairn.objects.ObjectService;
import io.cairn.objects.encryption.FileKeyRing;
import io.cairn.s3.auth.AccessKey;
import io.cairn.s3.auth.RequestAuthenticator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A Jetty server with the S3 handler on 127.0.0.1:0 over the real storage: a SQLite catalog and a
 * log-structured blob store on a local medium, all in {@code dir}; two users ("alice", "bob").
 */
final class S3TestServer implements AutoCloseable {
  static final AccessKey ALICE = new AccessKey("AKIDALICE", "alice-secret-key-0123456789", "alice");
  static final AccessKey BOB = new AccessKey("AKIDBOB", "bob-secret-key-0123456789", "bob");
  static final long MIN_PART = 5L << 20;

  final Server server;
  final Catalog catalog;
  final LocalMedium medium;
  final SegmentLog log;
  final LogBlobStore blobs;
  final int port;
  /** The key ring of SSE-S3 and SSE-KMS ({@code master.key}, {@code key-ring.json} in dir). */
  final FileKeyRing keyRing;
  private BlobRetirement retirement;

  S3TestServer(Path dir) throws Exception {
    this(dir, Clock.systemUTC());
  }

  S3TestServer(Path dir, Clock clock) throws Exception {
    catalog = Catalog.open(dir.resolve("catalog.db"), clock, new Random(42));
    medium = new LocalMedium(Files.createDirectories(dir.resolve("segments")));
    log = SegmentLog.open(medium, SegmentLogConfig.defaults());
    blobs = LogBlobStore.open(log, medium, BlobStoreConfig.defaults(), null);
    retirement = BlobRetirement.after(blobs, Duration.ofSeconds(2));
    keyRing = FileKeyRing.open(dir.resolve("master.key"), dir.resolve("key-ring.json"),
        new java.security.SecureRandom());
    ObjectService objects = new ObjectService(new CatalogObjectStore(catalog, "us-east-1"), blobs,
        clock, retirement, keyRing, new java.security.SecureRandom());
    MultipartService multipart = new MultipartService(objects, MIN_PART);
    Map<String, AccessKey> keys = Map.of(ALICE.id(), ALICE, BOB.id(), BOB);
    RequestAuthenticator auth = new RequestAuthenticator(
        id -> Optional.ofNullable(keys.get(id)), clock, Duration.ofMinutes(15));
    S3Handler handler = new S3Handler(objects, multipart, auth,
        new Addressing(List.of("localhost")), "us-east-1");
    QueuedThreadPool pool = new QueuedThreadPool();
    pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    HttpConnectionFactory factory = new HttpConnectionFactory(http);
    S3Handler.configure(factory);
    ServerConnector connector = new ServerConnector(server, factory);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(handler);
    server.start();
    port = connector.getLocalPort();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** A presigner for path-style URLs to this server, signing as {@code key}. */
  S3Presigner presigner(AccessKey key) {
    return S3Presigner.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(key.id(), key.secret())))
        .build();
  }

  S3Client client(AccessKey key, boolean checksums) {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(key.id(), key.secret())))
        .requestChecksumCalculation(checksums ? RequestChecksumCalculation.WHEN_SUPPORTED
            : RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(checksums ? ResponseChecksumValidation.WHEN_SUPPORTED
            : ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  @Override
  public void close() throws Exception {
    server.stop();
    retirement.close();
    blobs.close();
    log.close();
    catalog.close();
  }
}
