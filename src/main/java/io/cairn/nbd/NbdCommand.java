package io.cairn.nbd;

/** The transmission-phase commands, as counted in metrics. */
public enum NbdCommand {
  READ,
  WRITE,
  FLUSH,
  TRIM,
  CACHE,
  WRITE_ZEROES,
  BLOCK_STATUS,
  /** An unknown command type (answered with NBD_EINVAL). */
  OTHER;

  static NbdCommand of(int type) {
    return switch (type) {
      case NbdProtocol.CMD_READ -> READ;
      case NbdProtocol.CMD_WRITE -> WRITE;
      case NbdProtocol.CMD_FLUSH -> FLUSH;
      case NbdProtocol.CMD_TRIM -> TRIM;
      case NbdProtocol.CMD_CACHE -> CACHE;
      case NbdProtocol.CMD_WRITE_ZEROES -> WRITE_ZEROES;
      case NbdProtocol.CMD_BLOCK_STATUS -> BLOCK_STATUS;
      default -> OTHER;
    };
  }
}
