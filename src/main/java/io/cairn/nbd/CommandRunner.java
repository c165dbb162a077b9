package io.cairn.nbd;

import static io.cairn.nbd.NbdProtocol.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one request against the export and replies. Validation follows proto.md "Error values":
 * EPERM for mutations of a read-only export, ENOSPC for writes past the end, EINVAL for other
 * out-of-range or misaligned requests and for flags not documented for the command. Export failures
 * become EIO (ENOSPC for {@link NoSpaceException}) and the connection stays usable.
 */
final class CommandRunner {

  private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

  /** proto.md: SHOULD NOT send more than 2^20 descriptors in one block status chunk. */
  private static final int MAX_DESCRIPTORS = 1 << 20;

  private final Session session;
  private final BlockExport export;
  private final ReplyWriter replies;
  private final NbdMetrics metrics;
  private final Consumer<IOException> replyFailed;
  private final long size;
  private final int alignment;

  CommandRunner(
      Session session, ReplyWriter replies, NbdMetrics metrics, Consumer<IOException> replyFailed) {
    this.session = session;
    this.export = session.export();
    this.replies = replies;
    this.metrics = metrics;
    this.replyFailed = replyFailed;
    this.size = export.size();
    this.alignment = export.minimumBlockSize();
  }

  /** A refusal decided before touching the export. */
  private record Refusal(int errno, String message) {}

  void run(Request r, BufferPool pool) {
    NbdCommand command = NbdCommand.of(r.type());
    int errno = 0;
    try {
      Refusal refusal = validate(r);
      if (refusal != null) {
        errno = refusal.errno();
        replies.error(r.cookie(), errno, refusal.message());
      } else {
        errno = perform(r, pool);
      }
    } catch (IOException e) {
      replyFailed.accept(e);
    } finally {
      metrics.commandCompleted(
          command, System.nanoTime() - r.receivedNanos(), errno == 0 ? r.length() : 0, errno);
    }
  }

  private Refusal validate(Request r) {
    int allowed =
        switch (r.type()) {
          case CMD_WRITE_ZEROES -> CMD_FLAG_FUA | CMD_FLAG_NO_HOLE | CMD_FLAG_FAST_ZERO;
          case CMD_BLOCK_STATUS -> CMD_FLAG_FUA | CMD_FLAG_REQ_ONE;
          default -> CMD_FLAG_FUA;
        };
    if ((r.flags() & ~allowed) != 0) {
      return new Refusal(EINVAL, "command flags " + Integer.toHexString(r.flags()) + " not valid here");
    }
    boolean mutation =
        r.type() == CMD_WRITE || r.type() == CMD_TRIM || r.type() == CMD_WRITE_ZEROES;
    if (mutation && export.readOnly()) {
      return new Refusal(EPERM, "export is read-only");
    }
    switch (r.type()) {
      case CMD_FLUSH:
        return null;
      case CMD_READ:
        if (r.length() > MAX_PAYLOAD) {
          return new Refusal(EINVAL, "read longer than the maximum payload");
        }
        break;
      case CMD_BLOCK_STATUS:
        if (!session.blockStatus()) {
          return new Refusal(EINVAL, "base:allocation was not negotiated");
        }
        if (r.length() == 0) {
          return new Refusal(EINVAL, "block status of an empty range");
        }
        break;
      case CMD_WRITE, CMD_TRIM, CMD_WRITE_ZEROES, CMD_CACHE:
        break;
      default:
        return new Refusal(EINVAL, "unknown command " + r.type());
    }
    if (!inRange(r.offset(), r.length())) {
      // proto.md: ENOSPC for writes (and write zeroes) past the end, EINVAL for the rest.
      boolean write = r.type() == CMD_WRITE || r.type() == CMD_WRITE_ZEROES;
      return new Refusal(write ? ENOSPC : EINVAL, "request beyond the end of the export");
    }
    if (alignment > 1 && ((r.offset() | r.length()) & (alignment - 1)) != 0) {
      return new Refusal(EINVAL, "request not aligned to " + alignment + " bytes");
    }
    if (r.type() == CMD_WRITE_ZEROES
        && r.has(CMD_FLAG_FAST_ZERO)
        && !export.zeroesFast(r.offset(), r.length(), r.has(CMD_FLAG_NO_HOLE))) {
      return new Refusal(ENOTSUP, "zeroing this range is not faster than writing it");
    }
    return null;
  }

  private boolean inRange(long offset, long length) {
    return offset >= 0 && length <= size && offset <= size - length;
  }

  /** Runs a validated request; returns the errno replied (0 on success). */
  private int perform(Request r, BufferPool pool) throws IOException {
    ByteBuffer readBuffer = null;
    try {
      List<long[]> status = null;
      int errno = 0;
      String message = null;
      try {
        boolean fua = r.has(CMD_FLAG_FUA);
        switch (r.type()) {
          case CMD_READ -> {
            readBuffer = pool.take((int) r.length());
            export.read(r.offset(), readBuffer);
            if (readBuffer.hasRemaining()) {
              // Never send the stale pooled bytes a short read would leave behind.
              throw new IOException("export read returned short");
            }
            readBuffer.flip();
          }
          case CMD_WRITE -> export.write(r.offset(), r.payload(), fua);
          case CMD_FLUSH -> export.flush();
          case CMD_TRIM -> {
            if (r.length() > 0) {
              export.trim(r.offset(), r.length(), fua);
            }
          }
          case CMD_WRITE_ZEROES -> {
            if (r.length() > 0) {
              export.writeZeroes(r.offset(), r.length(), r.has(CMD_FLAG_NO_HOLE), fua);
            }
          }
          case CMD_BLOCK_STATUS ->
              status =
                  descriptors(
                      export.blockStatus(r.offset(), r.length()),
                      r.length(),
                      r.has(CMD_FLAG_REQ_ONE));
          case CMD_CACHE -> {
            // proto.md NBD_CMD_CACHE: a hint with no semantic effect; success without caching is
            // allowed, and we do not advertise NBD_FLAG_SEND_CACHE.
          }
          default -> throw new IllegalStateException("unvalidated command " + r.type());
        }
      } catch (NoSpaceException e) {
        errno = ENOSPC;
        message = "no space left for this volume";
      } catch (IOException | RuntimeException e) {
        log.warn("NBD export {}: {} failed", session.name(), NbdCommand.of(r.type()), e);
        errno = EIO;
        message = "I/O error on the export";
      }
      if (errno != 0) {
        replies.error(r.cookie(), errno, message);
      } else if (r.type() == CMD_READ) {
        replies.data(r.cookie(), r.offset(), readBuffer);
      } else if (status != null) {
        replies.blockStatus(r.cookie(), BASE_ALLOCATION_ID, status);
      } else {
        replies.ok(r.cookie());
      }
      return errno;
    } finally {
      if (readBuffer != null) {
        pool.give(readBuffer);
      }
    }
  }

  /**
   * base:allocation descriptors from the export's runs: clipped to the request (proto.md allows
   * the last one to overshoot, but clipping keeps every length within 32 bits), adjacent runs with
   * equal flags merged, at most one with NBD_CMD_FLAG_REQ_ONE.
   */
  static List<long[]> descriptors(List<AllocationRun> runs, long length, boolean one) {
    List<long[]> out = new ArrayList<>();
    long covered = 0;
    for (AllocationRun run : runs) {
      if (covered >= length) {
        break;
      }
      long n = Math.min(run.length(), length - covered);
      long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last[1] == run.flags()) {
        last[0] += n;
      } else {
        if (out.size() == MAX_DESCRIPTORS) {
          break;
        }
        out.add(new long[] {n, run.flags()});
      }
      covered += n;
      if (one) {
        break;
      }
    }
    if (out.isEmpty()) {
      // proto.md: status 0 (allocated, contents unknown) is always a safe answer.
      out.add(new long[] {length, 0});
    }
    return out;
  }
}
