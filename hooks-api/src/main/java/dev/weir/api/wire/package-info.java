/**
 * Wire formats: how packets look on the wire, and nothing about what a stack does with them.
 *
 * <p>Each format has two forms, after smoltcp's {@code wire} module:
 * <ul>
 *   <li>a <em>view</em> ({@code EthernetFrame}, {@code Ipv4Packet}, ...): a reusable flyweight
 *       over a byte array. {@code wrap(buf, off, len)} validates once and returns a
 *       {@link dev.weir.api.wire.WireError}; after {@code OK} every accessor is in bounds and
 *       cannot fail. Views allocate nothing, read and write big-endian through
 *       {@link dev.weir.api.wire.Bytes}, and have setters for the fields programs rewrite
 *       (keeping checksums right by RFC 1624 update where the header has one). This is the
 *       hot path: XDP and tc programs, the stack's receive and transmit code.
 *   <li>a <em>record</em> ({@code EthernetRepr}, {@code Ipv4Repr}, ...): the parsed, immutable
 *       form, with {@code parse(view)}, {@code headerLength()}/{@code bufferLength()} and
 *       {@code emit(buf, off)}. For tests, the command line and slow paths; records allocate.
 * </ul>
 *
 * <p><b>Parsers never throw on malformed input.</b> Bytes from the wire or from a program are
 * untrusted: {@code wrap} and walkers return a {@code WireError} naming what was wrong, and
 * {@code parse} of a wrapped view always succeeds. Exceptions are kept for programming errors:
 * a setter or record constructor given a value out of its field's range, reading a view that
 * was not wrapped OK. Property tests feed random and mutated bytes to every parser.
 */
package dev.weir.api.wire;
