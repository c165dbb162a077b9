package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

interface LeasesContract extends CatalogFixture {
  String VOLUME = "volume/vol-0123456789abcdef0";

  @Test
  default void acquire_freeResource_grantsItUntilExpiry() throws Exception {
    Lease lease = catalog().leases().acquire(VOLUME, "server-a", Duration.ofSeconds(30));
    assertThat(lease.holder()).isEqualTo("server-a");
    assertThat(Duration.between(lease.acquired(), lease.expires())).isEqualTo(Duration.ofSeconds(30));
    assertThat(catalog().leases().find(VOLUME)).contains(lease);
    assertThat(catalog().leases().find("volume/other")).isEmpty();
  }

  @Test
  default void acquire_heldByAnother_isConflictUntilItExpires() throws Exception {
    catalog().leases().acquire(VOLUME, "server-a", Duration.ofSeconds(30));
    assertThatThrownBy(() -> catalog().leases().acquire(VOLUME, "server-b", Duration.ofSeconds(30)))
        .isInstanceOf(ConflictException.class);

    clock().advance(Duration.ofSeconds(31));

    assertThat(catalog().leases().find(VOLUME)).isEmpty();
    assertThat(catalog().leases().acquire(VOLUME, "server-b", Duration.ofSeconds(30)).holder())
        .isEqualTo("server-b");
    assertThat(catalog().leases().release(VOLUME, "server-a")).isFalse();
  }

  @Test
  default void acquire_byHolder_renewsAndKeepsAcquiredTime() throws Exception {
    Lease first = catalog().leases().acquire(VOLUME, "server-a", Duration.ofSeconds(30));
    clock().advance(Duration.ofSeconds(20));
    Lease renewed = catalog().leases().acquire(VOLUME, "server-a", Duration.ofSeconds(30));
    assertThat(renewed.acquired()).isEqualTo(first.acquired());
    assertThat(renewed.expires()).isAfter(first.expires());
    clock().advance(Duration.ofSeconds(20));
    assertThat(catalog().leases().find(VOLUME)).contains(renewed);
  }

  @Test
  default void release_byHolder_freesTheResource() throws Exception {
    catalog().leases().acquire(VOLUME, "server-a", Duration.ofSeconds(30));
    assertThat(catalog().leases().release(VOLUME, "server-b")).isFalse();
    assertThat(catalog().leases().release(VOLUME, "server-a")).isTrue();
    assertThat(catalog().leases().find(VOLUME)).isEmpty();
    assertThat(catalog().leases().acquire(VOLUME, "server-b", Duration.ofSeconds(5)).holder())
        .isEqualTo("server-b");
  }

  @Test
  default void acquire_racingServers_exactlyOneWins() throws Exception {
    ConcurrentLinkedQueue<String> winners = new ConcurrentLinkedQueue<>();
    ((TransactionsContract) this)
        .runConcurrently(
            8,
            t -> {
              try {
                catalog().leases().acquire(VOLUME, "server-" + t, Duration.ofMinutes(1));
                winners.add("server-" + t);
              } catch (ConflictException lost) {
                // another server holds it
              }
            });
    assertThat(winners).hasSize(1);
    assertThat(catalog().leases().find(VOLUME).orElseThrow().holder()).isEqualTo(winners.peek());
  }
}
