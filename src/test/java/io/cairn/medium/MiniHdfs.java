package io.cairn.medium;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * An in-process HDFS (one NameNode, N DataNodes) for tests and benchmarks, from the shaded
 * {@code hadoop-client-minicluster}.
 *
 * <pre>{@code
 * try (MiniHdfs hdfs = MiniHdfs.start(Path.of("target/minihdfs-x"), 3)) {
 *   Medium m = HdfsMedium.open(hdfs.uri("/cairn"), hdfs.configuration());
 * }
 * }</pre>
 *
 * <p>What this machine needs, worked out once so callers need not:
 *
 * <ul>
 *   <li>Everything binds and advertises {@code 127.0.0.1} on ephemeral ports, so neither the
 *       hostname nor free fixed ports matter, and DataNodes are reached by IP
 *       ({@code dfs.client.use.datanode.hostname=false}).
 *   <li>On JDK 17+ Hadoop needs the {@code --add-opens} flags in pom.xml's {@code
 *       surefire.jvm.args}; {@code bench/run} passes the same flags.
 *   <li>The cluster's files go under {@code baseDir} (wiped first), never under /tmp, and the
 *       block size is lowered to 1 MiB so tests cross block boundaries with little data.
 *   <li>Hadoop's web UIs look up {@code webapps/hdfs}, {@code webapps/datanode} and {@code
 *       webapps/static} on the classpath. Found only inside the 56 MB minicluster jar, Jetty
 *       decompresses the whole jar once per NameNode and DataNode to unpack them, which was most
 *       of the start time; {@code src/test/resources/webapps/} holds empty stand-ins instead.
 *   <li>Starting takes ~5-10 s of CPU (much longer in wall time on a loaded 2-core machine);
 *       start one cluster per test class ({@code @BeforeAll}) and give each test its own
 *       directory.
 * </ul>
 */
public final class MiniHdfs implements AutoCloseable {
  private final MiniDFSCluster cluster;
  private final Configuration conf;

  private MiniHdfs(MiniDFSCluster cluster, Configuration conf) {
    this.cluster = cluster;
    this.conf = conf;
  }

  /** Starts a cluster with {@code dataNodes} DataNodes and replication min(3, dataNodes). */
  public static MiniHdfs start(Path baseDir, int dataNodes) throws IOException {
    return start(baseDir, dataNodes, 1 << 20);
  }

  public static MiniHdfs start(Path baseDir, int dataNodes, long blockSize) throws IOException {
    Path base = baseDir.toAbsolutePath();
    deleteTree(base);
    Files.createDirectories(base);
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
    conf.set("hadoop.tmp.dir", base.resolve("tmp").toString());
    conf.setInt("dfs.replication", Math.min(3, dataNodes));
    conf.setLong("dfs.blocksize", blockSize);
    conf.setInt("dfs.bytes-per-checksum", 512);
    conf.setLong("dfs.namenode.fs-limits.min-block-size", Math.min(blockSize, 1 << 20));
    conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    conf.setBoolean("dfs.client.use.datanode.hostname", false);
    conf.setBoolean("dfs.datanode.use.datanode.hostname", false);
    conf.setInt("dfs.namenode.safemode.extension", 0);
    conf.setBoolean("dfs.permissions.enabled", false);
    // Start faster: no WebHDFS servlets, no background scanners, quicker DataNode registration.
    conf.setBoolean("dfs.webhdfs.enabled", false);
    conf.setInt("dfs.datanode.scan.period.hours", -1);
    conf.setInt("dfs.datanode.directoryscan.interval", -1);
    conf.setLong("dfs.heartbeat.interval", 1);
    // With replication 3 on exactly 3 DataNodes there is no spare to swap into a failed pipeline.
    conf.set("dfs.client.block.write.replace-datanode-on-failure.policy", "NEVER");
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, base.toFile())
        .numDataNodes(dataNodes)
        .storagesPerDatanode(1)
        .format(true)
        .build();
    cluster.waitActive();
    return new MiniHdfs(cluster, cluster.getConfiguration(0));
  }

  /** {@code hdfs://127.0.0.1:port} plus {@code path}. */
  public URI uri(String path) {
    return URI.create(cluster.getURI().toString() + path);
  }

  /** The client configuration matching this cluster (a copy; callers may change it). */
  public Configuration configuration() {
    return new Configuration(conf);
  }

  /** A new, uncached FileSystem client; the caller closes it. */
  public FileSystem newFileSystem() throws IOException {
    return FileSystem.newInstance(cluster.getURI(), configuration());
  }

  public MiniDFSCluster cluster() {
    return cluster;
  }

  @Override
  public void close() {
    cluster.shutdown(true);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
