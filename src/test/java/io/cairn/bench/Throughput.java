package io.cairn.bench;

/** Conversions for throughput rows; MiB/s throughout so local and HDFS rows compare directly. */
public final class Throughput {
  private Throughput() {}

  public static final String MIB_S = "MiB/s";

  public static double mibPerSecond(long bytes, long nanos) {
    return bytes / (double) (1 << 20) / (nanos / 1e9);
  }
}
