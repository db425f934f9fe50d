package dev.weir.pcap;

/**
 * Layout of the classic pcap file format (draft-ietf-opsawg-pcap), shared by {@link PcapReader}
 * and {@link PcapWriter}. A file is one header, then records back to back:
 *
 * <pre>
 *  File header (24 bytes)
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  0 |                         Magic Number                          |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  4 |        Major Version (2)      |        Minor Version (4)      |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  8 |                  Reserved1 (was thiszone)                     |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * 12 |                  Reserved2 (was sigfigs)                      |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * 16 |                            SnapLen                            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * 20 | FCS len |f|   (reserved)      |           LinkType            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *  Packet record (16-byte header, then the captured bytes, no padding)
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  0 |                      Timestamp (seconds)                      |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  4 |           Timestamp (microseconds or nanoseconds)             |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  8 |                    Captured Packet Length                     |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * 12 |                    Original Packet Length                     |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * 16 /                          Packet Data                          /
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The magic number's byte order is the file's: read big-endian it is one of the four values
 * below. In the LinkType word only the low 16 bits are the link type; the upper bits may carry
 * an FCS length, which Weir ignores on read and writes as zero.
 */
final class Pcap {
    /** Microsecond timestamps, written big-endian (a little-endian file reads as {@code d4c3b2a1}). */
    static final int MAGIC_MICROS = 0xa1b2c3d4;
    static final int MAGIC_MICROS_SWAPPED = 0xd4c3b2a1;
    /** Nanosecond timestamps. */
    static final int MAGIC_NANOS = 0xa1b23c4d;
    static final int MAGIC_NANOS_SWAPPED = 0x4d3cb2a1;

    static final int VERSION_MAJOR = 2;
    static final int VERSION_MINOR = 4;

    static final int HEADER_LENGTH = 24;
    static final int MAJOR_OFFSET = 4;
    static final int MINOR_OFFSET = 6;
    static final int SNAPLEN_OFFSET = 16;
    static final int LINKTYPE_OFFSET = 20;
    static final int LINKTYPE_MASK = 0xffff;

    static final int RECORD_HEADER_LENGTH = 16;
    static final int TS_SEC_OFFSET = 0;
    static final int TS_FRAC_OFFSET = 4;
    static final int CAPLEN_OFFSET = 8;
    static final int ORIGLEN_OFFSET = 12;

    private Pcap() {}
}
