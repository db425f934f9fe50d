package dev.weir.pcap;

/**
 * Layout of pcapng (draft-ietf-opsawg-pcapng), shared by {@link PcapngReader} and
 * {@link PcapngWriter}. A file is one or more sections; a section is a Section Header Block
 * followed by blocks, all in the byte order the SHB's byte-order magic shows. Every block has
 * the same frame, and every length is a multiple of 4:
 *
 * <pre>
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +---------------------------------------------------------------+
 *  0 |                          Block Type                           |
 *    +---------------------------------------------------------------+
 *  4 |                      Block Total Length                       |
 *    +---------------------------------------------------------------+
 *  8 /                          Block Body                           /
 *    /              variable length, padded to 32 bits               /
 *    +---------------------------------------------------------------+
 *    |                      Block Total Length                       |
 *    +---------------------------------------------------------------+
 *
 *  Section Header Block (type 0x0A0D0D0A, a palindrome, so readable before the order is known)
 *  8 |                      Byte-Order Magic 0x1A2B3C4D              |
 * 12 |        Major Version (1)      |        Minor Version (0)      |
 * 16 |               Section Length (64 bits, -1 = unknown)          |
 * 24 /                            Options                            /
 *
 *  Interface Description Block (type 1): one per interface, numbered from 0 in each section
 *  8 |           LinkType            |           Reserved            |
 * 12 |                            SnapLen                            |
 * 16 /                            Options                            /
 *
 *  Enhanced Packet Block (type 6)          Packet Block (type 2, obsolete)
 *  8 |         Interface ID          |      8 | Interface ID (16) | Drops Count (16)|
 * 12 |       Timestamp (upper 32)    |     12, 16, 20, 24: as in the EPB
 * 16 |       Timestamp (lower 32)    |
 * 20 |    Captured Packet Length     |
 * 24 |    Original Packet Length     |
 * 28 /  Packet Data, padded to 32 bits  /
 *    /            Options            /
 *
 *  Simple Packet Block (type 3): interface 0, no timestamp, captured length implied
 *  8 |    Original Packet Length     |
 * 12 /  Packet Data, padded to 32 bits  /
 *
 *  Option (in any block's Options): a list ended by opt_endofopt (which may be left out)
 *    |          Option Code          |         Option Length         |
 *    /      Option Value, Option Length bytes, padded to 32 bits     /
 * </pre>
 *
 * Timestamps count units of the interface's {@code if_tsresol} (default 10^-6 s) since the epoch.
 */
final class Pcapng {
    static final int SHB_TYPE = 0x0A0D0D0A;
    static final int IDB_TYPE = 0x00000001;
    static final int PB_TYPE = 0x00000002;
    static final int SPB_TYPE = 0x00000003;
    static final int NRB_TYPE = 0x00000004;
    static final int ISB_TYPE = 0x00000005;
    static final int EPB_TYPE = 0x00000006;
    static final int JOURNAL_TYPE = 0x00000009;
    static final int DSB_TYPE = 0x0000000A;
    static final int CUSTOM_TYPE = 0x00000BAD;
    static final int CUSTOM_NOCOPY_TYPE = 0x40000BAD;

    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int VERSION_MAJOR = 1;
    static final int VERSION_MINOR = 0;

    static final int TYPE_OFFSET = 0;
    static final int LENGTH_OFFSET = 4;
    /** Type and leading length before the body, trailing length after it. */
    static final int FRAME_LENGTH = 12;

    static final int SHB_BOM_OFFSET = 8;
    static final int SHB_MAJOR_OFFSET = 12;
    static final int SHB_MINOR_OFFSET = 14;
    static final int SHB_SECTION_LENGTH_OFFSET = 16;
    static final int SHB_OPTIONS_OFFSET = 24;

    static final int IDB_LINKTYPE_OFFSET = 8;
    static final int IDB_RESERVED_OFFSET = 10;
    static final int IDB_SNAPLEN_OFFSET = 12;
    static final int IDB_OPTIONS_OFFSET = 16;

    static final int EPB_INTERFACE_OFFSET = 8;
    static final int PB_INTERFACE_OFFSET = 8;
    static final int PB_DROPS_OFFSET = 10;
    static final int EPB_TS_HIGH_OFFSET = 12;
    static final int EPB_TS_LOW_OFFSET = 16;
    static final int EPB_CAPLEN_OFFSET = 20;
    static final int EPB_ORIGLEN_OFFSET = 24;
    static final int EPB_DATA_OFFSET = 28;

    static final int SPB_ORIGLEN_OFFSET = 8;
    static final int SPB_DATA_OFFSET = 12;

    static final int OPTION_HEADER_LENGTH = 4;
    static final int OPT_ENDOFOPT = 0;
    static final int OPT_COMMENT = 1;
    static final int SHB_HARDWARE = 2;
    static final int SHB_OS = 3;
    static final int SHB_USERAPPL = 4;
    static final int IF_NAME = 2;
    static final int IF_DESCRIPTION = 3;
    static final int IF_TSRESOL = 9;
    static final int IF_TSOFFSET = 14;
    /** {@code epb_flags}; the obsolete Packet Block's {@code pack_flags} has the same code and layout. */
    static final int EPB_FLAGS = 2;

    /** epb_flags: bits 0-1 direction, bits 2-4 reception type. */
    static final int FLAGS_DIRECTION_MASK = 0x3;
    static final int FLAGS_RECEPTION_SHIFT = 2;
    static final int FLAGS_RECEPTION_MASK = 0x7;

    /** if_tsresol when the IDB has none: microseconds. */
    static final int DEFAULT_TSRESOL = 6;

    private Pcapng() {}

    /** The minimum total length of a block of {@code type}: frame plus fixed body fields. */
    static int minimumLength(int type) {
        return switch (type) {
            case SHB_TYPE -> 28;
            case IDB_TYPE -> 20;
            case EPB_TYPE, PB_TYPE -> 32;
            case SPB_TYPE -> 16;
            default -> FRAME_LENGTH;
        };
    }

    /** The block type's name as the draft gives it, for messages. */
    static String blockName(int type) {
        return switch (type) {
            case SHB_TYPE -> "Section Header Block";
            case IDB_TYPE -> "Interface Description Block";
            case PB_TYPE -> "Packet Block";
            case SPB_TYPE -> "Simple Packet Block";
            case NRB_TYPE -> "Name Resolution Block";
            case ISB_TYPE -> "Interface Statistics Block";
            case EPB_TYPE -> "Enhanced Packet Block";
            case JOURNAL_TYPE -> "systemd Journal Export Block";
            case DSB_TYPE -> "Decryption Secrets Block";
            case CUSTOM_TYPE, CUSTOM_NOCOPY_TYPE -> "Custom Block";
            default -> String.format("block of type 0x%08x", type);
        };
    }

    /** {@code n} rounded up to a multiple of 4. */
    static int pad4(int n) {
        return (n + 3) & ~3;
    }
}
