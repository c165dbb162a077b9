package io.cairn.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A volume attached to a VM on a host. {@code steps} lists the host-adapter steps already done,
 * in order, so that a failed multi-step attach can be rolled back step by step.
 */
public record Attachment(
    String id,
    String volumeId,
    String host,
    String vm,
    String device,
    Mode mode,
    State state,
    Instant created,
    List<String> steps) {

  public enum Mode {
    /** Read-write: exclusive, no other attachment of the volume at all. */
    RW,
    /** Read-only: shareable with any number of other read-only attachments. */
    RO;

    public String apiName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public enum State {
    ATTACHING,
    ATTACHED,
    DETACHING;

    public String apiName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
