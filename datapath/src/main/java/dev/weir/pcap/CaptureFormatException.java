package dev.weir.pcap;

import java.io.IOException;

/**
 * A capture file is malformed: the reader says what is wrong and where, and reads no further.
 * The message has the form {@code "<source>: block 7 at offset 1234: block length 3 is below the
 * 12-byte minimum"} (pcapng counts blocks from 1, SHB included; classic pcap says "record N";
 * the 24-byte pcap header is "file header").
 *
 * <p>A checked {@link IOException}, like every other way reading a file can fail: a reader
 * throws nothing else for bad bytes ({@code IOException}s of the underlying stream pass through).
 * Packets returned before the exception are good; {@link #truncated()} tells a file that merely
 * ends early (a capture cut off while being written, as tcpdump reports "truncated dump file")
 * from one whose bytes are wrong.
 */
public final class CaptureFormatException extends IOException {
    private final String source;
    private final String location;
    private final long offset;
    private final String problem;
    private final boolean truncated;

    /**
     * @param source the file (or stream) name
     * @param location the unit that is wrong: "block 7", "record 3", "file header"
     * @param offset byte offset of that unit from the start of the file
     * @param problem what is wrong, with the values found
     * @param truncated whether the problem is that the file ends inside the unit
     */
    public CaptureFormatException(String source, String location, long offset, String problem, boolean truncated) {
        super(source + ": " + location + " at offset " + offset + ": " + problem);
        this.source = source;
        this.location = location;
        this.offset = offset;
        this.problem = problem;
        this.truncated = truncated;
    }

    /** The file or stream name given to the reader. */
    public String source() {
        return source;
    }

    /** "block 7", "record 3" or "file header". */
    public String location() {
        return location;
    }

    /** Byte offset of the block, record or header that is wrong. */
    public long offset() {
        return offset;
    }

    /** The problem alone, without source and location. */
    public String problem() {
        return problem;
    }

    /** True when the file ends inside a header, block or record: everything before it was read. */
    public boolean truncated() {
        return truncated;
    }
}
