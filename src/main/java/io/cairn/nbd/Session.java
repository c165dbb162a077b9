package io.cairn.nbd;

/**
 * What option haggling agreed on: the export to serve and the transmission-phase features.
 *
 * @param blockStatus base:allocation was selected for this export (NBD_OPT_SET_META_CONTEXT)
 */
record Session(
    BlockExport export, String name, int transmissionFlags, boolean structured, boolean blockStatus) {

  static int transmissionFlags(BlockExport export) {
    int flags = NbdProtocol.FLAG_HAS_FLAGS | NbdProtocol.FLAG_SEND_FLUSH;
    if (export.readOnly()) {
      flags |= NbdProtocol.FLAG_READ_ONLY;
    } else {
      flags |=
          NbdProtocol.FLAG_SEND_FUA
              | NbdProtocol.FLAG_SEND_TRIM
              | NbdProtocol.FLAG_SEND_WRITE_ZEROES
              | NbdProtocol.FLAG_SEND_FAST_ZERO;
    }
    if (export.canMultiConn()) {
      flags |= NbdProtocol.FLAG_CAN_MULTI_CONN;
    }
    return flags;
  }
}
