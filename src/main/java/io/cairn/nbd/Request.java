package io.cairn.nbd;

import java.nio.ByteBuffer;

/**
 * One transmission-phase request as read off the wire.
 *
 * @param length the unsigned 32-bit length field
 * @param payload the data of a WRITE (pooled; released after the reply), else null
 * @param reservedBytes in-flight byte permits held until the reply is sent
 */
record Request(
    int flags,
    int type,
    long cookie,
    long offset,
    long length,
    ByteBuffer payload,
    int reservedBytes,
    long receivedNanos) {

  boolean has(int flag) {
    return (flags & flag) != 0;
  }
}
