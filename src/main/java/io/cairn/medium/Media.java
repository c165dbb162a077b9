package io.cairn.medium;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Opens a {@link Medium} by location: {@code file:///dir} or a plain path for {@link LocalMedium},
 * {@code hdfs://namenode:port/dir} for {@link HdfsMedium}.
 */
public final class Media {
  private Media() {}

  /**
   * Opens {@code location}: a URI with a scheme ({@code file:}, {@code hdfs:}) or else a local
   * directory path, relative paths being resolved against the working directory.
   */
  public static Medium open(String location) throws IOException {
    return open(location, Map.of());
  }

  /** As {@link #open(String)}, with Hadoop settings applied over the defaults for {@code hdfs:}. */
  public static Medium open(String location, Map<String, String> hadoopSettings) throws IOException {
    if (location.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") && !location.matches("[A-Za-z]:[\\\\/].*")) {
      return open(URI.create(location), hadoopSettings);
    }
    return new LocalMedium(Path.of(location));
  }

  public static Medium open(URI uri) throws IOException {
    return open(uri, Map.of());
  }

  /**
   * Opens {@code uri}. For {@code hdfs:} the Hadoop configuration is the usual one ({@code
   * core-site.xml} and {@code hdfs-site.xml} from the classpath and from {@code $HADOOP_CONF_DIR}
   * when set) with {@code hadoopSettings} applied last.
   */
  public static Medium open(URI uri, Map<String, String> hadoopSettings) throws IOException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "file" -> new LocalMedium(Path.of(uri));
      case "hdfs" -> HdfsMedium.open(uri, hadoopConfiguration(System.getenv("HADOOP_CONF_DIR"), hadoopSettings));
      default -> throw new IllegalArgumentException(
          "no medium for " + uri + ": use file:///dir, a directory path, or hdfs://namenode:port/dir");
    };
  }

  static Configuration hadoopConfiguration(String confDir, Map<String, String> settings) {
    Configuration conf = new Configuration();
    if (confDir != null && !confDir.isEmpty()) {
      for (String site : new String[] {"core-site.xml", "hdfs-site.xml"}) {
        File f = new File(confDir, site);
        if (f.isFile()) {
          conf.addResource(new org.apache.hadoop.fs.Path(f.getAbsolutePath()));
        }
      }
    }
    settings.forEach(conf::set);
    return conf;
  }
}
