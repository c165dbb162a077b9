package io.cairn.nbd;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link NbdMetrics} on Micrometer: {@code cairn.nbd.command} timers and {@code cairn.nbd.bytes}
 * summaries tagged by command, {@code cairn.nbd.errors} by command, a connection gauge and
 * counters. Meters are registered up front so the request path does no lookups.
 */
public final class MicrometerNbdMetrics implements NbdMetrics {

  private final Map<NbdCommand, Timer> timers = new EnumMap<>(NbdCommand.class);
  private final Map<NbdCommand, DistributionSummary> bytes = new EnumMap<>(NbdCommand.class);
  private final Map<NbdCommand, Counter> errors = new EnumMap<>(NbdCommand.class);
  private final AtomicInteger open = new AtomicInteger();
  private final Counter connections;
  private final Counter violations;

  public MicrometerNbdMetrics(MeterRegistry registry) {
    for (NbdCommand c : NbdCommand.values()) {
      String tag = c.name().toLowerCase();
      timers.put(
          c,
          Timer.builder("cairn.nbd.command")
              .tag("command", tag)
              .publishPercentileHistogram()
              .register(registry));
      bytes.put(
          c,
          DistributionSummary.builder("cairn.nbd.bytes")
              .baseUnit("bytes")
              .tag("command", tag)
              .register(registry));
      errors.put(c, Counter.builder("cairn.nbd.errors").tag("command", tag).register(registry));
    }
    registry.gauge("cairn.nbd.connections.open", open);
    connections = Counter.builder("cairn.nbd.connections").register(registry);
    violations = Counter.builder("cairn.nbd.protocol.violations").register(registry);
  }

  @Override
  public void commandCompleted(NbdCommand command, long nanos, long byteCount, int errno) {
    timers.get(command).record(nanos, TimeUnit.NANOSECONDS);
    if (errno != 0) {
      errors.get(command).increment();
    } else if (byteCount > 0) {
      bytes.get(command).record(byteCount);
    }
  }

  @Override
  public void connectionOpened() {
    open.incrementAndGet();
    connections.increment();
  }

  @Override
  public void connectionClosed() {
    open.decrementAndGet();
  }

  @Override
  public void protocolViolation() {
    violations.increment();
  }
}
