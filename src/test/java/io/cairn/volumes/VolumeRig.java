package io.cairn.volumes;

import io.cairn.blob.BlobStoreConfig;
import io.cairn.blob.LogBlobStore;
import io.cairn.catalog.Catalog;
import io.cairn.log.SegmentLog;
import io.cairn.log.SegmentLogConfig;
import io.cairn.medium.LocalMedium;
import io.cairn.nbd.MicrometerNbdMetrics;
import io.cairn.nbd.NbdServer;
import io.cairn.volumes.host.HostDirectory;
import io.cairn.volumes.host.HostTools;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The whole volume stack on a temporary directory, as the server wires it: local medium, segment
 * log, blob store, SQLite catalog, host directory, NBD listener on an ephemeral port, volume
 * service.
 */
final class VolumeRig implements AutoCloseable {
  final LocalMedium medium;
  final SegmentLog log;
  final LogBlobStore blobs;
  final Catalog catalog;
  final NbdServer nbd;
  final BlobVolumes volumes;

  VolumeRig(Path dir, Path hostsConfig, Capacity capacity) throws IOException {
    medium = new LocalMedium(dir.resolve("segments"));
    log = SegmentLog.open(medium, SegmentLogConfig.defaults());
    blobs = LogBlobStore.open(log, medium, BlobStoreConfig.defaults(), null);
    catalog = Catalog.open(dir.resolve("catalog.db"), Clock.systemUTC(), new SecureRandom());
    nbd = new NbdServer(NbdServer.Config.defaults().withBind(new InetSocketAddress("127.0.0.1", 0)),
        new VolumeExports(catalog, blobs), new MicrometerNbdMetrics(new SimpleMeterRegistry())).start();
    HostDirectory hosts = HostDirectory.load(hostsConfig, dir.resolve("hosts"), HostTools.system());
    VolumeSettings settings = VolumeSettings.defaults(nbd.port());
    volumes = new BlobVolumes(catalog, blobs, settings, capacity, new VolumeAttachments(catalog, hosts, settings.nbdHost(), nbd::port));
  }

  VolumeRig(Path dir) throws IOException {
    this(dir, null, Capacity.of(dir));
  }

  String uri(String volumeId) {
    return "nbd://127.0.0.1:" + nbd.port() + "/" + volumeId;
  }

  @Override
  public void close() throws IOException {
    nbd.close();
    blobs.close();
    log.close();
    catalog.close();
    medium.close();
  }
}
