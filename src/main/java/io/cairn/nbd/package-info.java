/**
 * The NBD data plane: block volumes served to VMs over the Network Block Device protocol
 * (NetworkBlockDevice/nbd {@code doc/proto.md}), default {@code 127.0.0.1:10809}, export name =
 * volume id. This package holds the protocol and nothing about storage.
 *
 * <h2>SPI</h2>
 *
 * <ul>
 *   <li>{@link io.cairn.nbd.BlockExport}: one served device; its Javadoc is the durability contract
 *       (FUA, flush) the protocol layer relies on.
 *   <li>{@link io.cairn.nbd.ExportResolver}: export name to opened export, or a typed refusal
 *       ({@link io.cairn.nbd.ExportRefusedException.Reason#UNKNOWN} renders as
 *       {@code NBD_REP_ERR_UNKNOWN}, {@code FORBIDDEN} as {@code NBD_REP_ERR_POLICY}); listing for
 *       {@code NBD_OPT_LIST}. The volume service implements it.
 *   <li>{@link io.cairn.nbd.NbdMetrics}: counters and latencies; {@link
 *       io.cairn.nbd.MicrometerNbdMetrics} puts them in a Micrometer registry.
 * </ul>
 *
 * <h2>Use</h2>
 *
 * <pre>{@code
 * NbdServer nbd = new NbdServer(NbdServer.Config.defaults(), resolver,
 *     new MicrometerNbdMetrics(registry)).start();
 * int port = nbd.port();   // the bound port, also when configured as 0
 * ...
 * nbd.close();             // graceful: in-flight requests are answered first
 * }</pre>
 *
 * <h2>Protocol coverage</h2>
 *
 * Fixed newstyle handshake with {@code NO_ZEROES}; options {@code EXPORT_NAME}, {@code INFO} and
 * {@code GO} (with {@code NBD_INFO_EXPORT}, {@code NAME}, {@code DESCRIPTION}, {@code
 * BLOCK_SIZE}: minimum from the export, preferred 4096, maximum payload 32 MiB), {@code LIST},
 * {@code ABORT}, {@code STRUCTURED_REPLY}, {@code LIST_META_CONTEXT} and {@code
 * SET_META_CONTEXT} ({@code base:allocation}); anything else gets {@code NBD_REP_ERR_UNSUP} (TLS
 * included, for now). Commands {@code READ}, {@code WRITE}, {@code FLUSH}, {@code TRIM}, {@code
 * WRITE_ZEROES} (with {@code NO_HOLE} and {@code FAST_ZERO}), {@code BLOCK_STATUS}, {@code
 * CACHE} (accepted as the no-op hint it may be) and {@code DISC}; {@code FUA} on all of them.
 *
 * <h2>Threads and memory</h2>
 *
 * One virtual thread per connection reads requests continuously; each request runs on its own
 * worker (a virtual thread by default) and replies go out in completion order, one gathering
 * write per reply under the connection's write lock. Queue-depth-1 small reads and writes run on
 * the reading thread to save two handoffs. In-flight requests and payload bytes are bounded per
 * connection ({@link io.cairn.nbd.NbdServer.Config}); payload and read buffers come from a shared
 * pool of direct buffers. A malformed request (bad magic, a write payload over 32 MiB) is a hard
 * disconnect: nothing of it reaches the export.
 */
package io.cairn.nbd;
