/**
 * Packet summaries: {@link dev.weir.pcap.print.PacketPrinter} turns a frame (link type and
 * bytes) into the one line {@code tcpdump -nn} prints for it, with tcpdump's timestamp styles and
 * its relative TCP sequence numbers, for {@code weir pcap show}, traces and the shell. It reads
 * the frame through the wire views of {@code dev.weir.api.wire} and allocates nothing per frame.
 * Its agreement with tcpdump is tested frame by frame against the tcpdump installed where the
 * tests run, and against golden files recorded with tcpdump 4.99.3.
 */
package dev.weir.pcap.print;
