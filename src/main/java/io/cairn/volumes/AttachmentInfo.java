package io.cairn.volumes;

import io.cairn.volumes.host.AttachMode;
import java.time.Instant;

/**
 * One VM's use of a volume. {@code state} is EC2's attachment state: attaching, attached,
 * detaching, detached. {@code exportName} is the NBD export the VM's host connects to.
 */
public record AttachmentInfo(
    String volumeId, String host, String vm, String device, AttachMode mode, String state, Instant attached, String exportName) {}
