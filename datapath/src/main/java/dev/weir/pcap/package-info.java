/**
 * Capture files: reading classic pcap and pcapng, writing both.
 *
 * <p>{@link dev.weir.pcap.CaptureReader#open} reads either format (told apart by the first four
 * bytes) as a sequence of {@link dev.weir.pcap.CapturedPacket}s: timestamp in nanoseconds,
 * interface, link type, lengths, bytes, direction, comment. Malformed files end in a
 * {@link dev.weir.pcap.CaptureFormatException} naming the block or record, its offset and the
 * fault, never in another exception.
 *
 * <p>{@link dev.weir.pcap.PcapngWriter} is what Weir's capture points write: one interface per
 * capture point (named "host:device"), nanosecond timestamps from virtual time, the direction and
 * reception type in {@code epb_flags}, a drop reason or other note in {@code opt_comment}.
 * Output is byte-for-byte deterministic. {@link dev.weir.pcap.PcapWriter} writes classic pcap
 * for older tools.
 *
 * <p>The layouts are drawn in {@code Pcap} and {@code Pcapng} (package-private).
 */
package dev.weir.pcap;
