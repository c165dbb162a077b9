package io.cairn.server;

import io.cairn.nbd.MicrometerNbdMetrics;
import io.cairn.nbd.NbdServer;
import io.cairn.volumes.BlobVolumes;
import io.cairn.volumes.Capacity;
import io.cairn.volumes.VolumeAttachments;
import io.cairn.volumes.VolumeExports;
import io.cairn.volumes.VolumeSettings;
import io.cairn.volumes.host.HostDirectory;
import io.cairn.volumes.host.HostTools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The block half of Cairn in one server: the volume service on the shared {@link Storage}, and the
 * NBD listener that serves attached volumes. Hosts come from the {@code hosts} setting
 * ({@code DATA/hosts.json}; the built-in host {@code local} always exists); attachments hand
 * hypervisors {@code nbd-host} and the NBD listener's bound port.
 */
public final class BlockServices {
  private final BlobVolumes volumes;
  private final NbdServer nbd;
  private final String exportHost;

  private BlockServices(BlobVolumes volumes, NbdServer nbd, String exportHost) {
    this.volumes = volumes;
    this.nbd = nbd;
    this.exportHost = exportHost;
  }

  public static BlockServices of(ServerContext context) throws IOException {
    return context.shared(BlockServices.class, BlockServices::open);
  }

  private static BlockServices open(ServerContext context) throws IOException {
    Storage storage = Storage.of(context);
    Config config = context.config();
    String bind = config.get(Settings.BIND);
    String nbdHost = config.get(Settings.NBD_HOST);
    // Hypervisors must reach the export: a wildcard bind is no address to hand them.
    String exportHost = !nbdHost.equals(Settings.AUTO) ? nbdHost
        : bind.equals("0.0.0.0") || bind.equals("::") ? java.net.InetAddress.getLocalHost().getHostName() : bind;
    NbdServer.Config defaults = NbdServer.Config.defaults();
    NbdServer.Config nbdConfig = new NbdServer.Config(new InetSocketAddress(bind, config.get(Settings.NBD_PORT)),
        defaults.maxInFlightRequests(), defaults.maxInFlightBytes(), config.get(Settings.SHUTDOWN_TIMEOUT),
        defaults.idleBufferBytes());
    NbdServer nbd = new NbdServer(nbdConfig, new VolumeExports(storage.catalog(), storage.blobs()),
        new MicrometerNbdMetrics(context.metrics()));
    Path data = context.dataDir();
    HostDirectory hosts = HostDirectory.load(config.get(Settings.HOSTS), data.resolve("hosts"), HostTools.system());
    String region = config.get(Settings.REGION);
    VolumeSettings settings = new VolumeSettings(region, java.util.List.of(region + "a"), exportHost, 0, 4.0);
    VolumeAttachments attachments = new VolumeAttachments(storage.catalog(), hosts, exportHost, nbd::port);
    BlobVolumes volumes = new BlobVolumes(storage.catalog(), storage.blobs(), settings, Capacity.of(data), attachments);
    return new BlockServices(volumes, nbd, exportHost);
  }

  public BlobVolumes volumes() {
    return volumes;
  }

  public String exportHost() {
    return exportHost;
  }

  public int nbdPort() {
    return nbd.port();
  }

  /** The NBD listener as the server starts and stops it. */
  public Listener listener() {
    return new Listener() {
      @Override
      public String name() {
        return "nbd";
      }

      @Override
      public void start() throws IOException {
        nbd.start();
      }

      @Override
      public int port() {
        return nbd.port();
      }

      @Override
      public void stop(Duration grace) {
        nbd.close();
      }
    };
  }
}
