/**
 * Packet summaries: {@link dev.weir.pcap.print.PacketPrinter} turns a frame (link type and
 * bytes) into the one line {@code tcpdump -nn} prints for it, with tcpdump's timestamp styles and
 * its relative TCP sequence numbers, for {@code weir pcap show}, traces and the shell. Headers
 * are checked with the wire views of {@code dev.weir.api.wire} (a refusal ends the line with the
 * view's {@code WireError}) and fields read at the views' offsets, so that a frame cut short by
 * a snap length still shows what was captured; nothing is allocated per frame.
 * Its agreement with tcpdump is tested frame by frame against the tcpdump installed where the
 * tests run, and against golden files recorded with tcpdump 4.99.3.
 */
package dev.weir.pcap.print;
