package dev.weir.pcap;

import static dev.weir.pcap.Pcapng.*;

import dev.weir.api.wire.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads pcapng (layout in {@link Pcapng}): both byte orders, any number of sections (each with
 * its own byte order and interfaces), Interface Description Blocks with their options
 * ({@code if_name}, {@code if_description}, {@code if_tsresol} in decimal and binary form,
 * {@code if_tsoffset}), and packets from Enhanced, Simple and obsolete Packet Blocks with
 * {@code opt_comment} and {@code epb_flags}/{@code pack_flags}. Every other block (Name
 * Resolution, Interface Statistics, Decryption Secrets, custom, and types this reader does not
 * know) is checked for a sound frame and skipped. Obtain one through {@link CaptureReader#open}.
 *
 * <p>Checked, block by block: total length at least the type's minimum, a multiple of 4, at most
 * {@link CaptureInput#MAX_RECORD}, equal to the trailing copy; the file does not end inside it;
 * the SHB's byte-order magic and major version 1; a packet's interface was described earlier in
 * its section; captured data and every option lie inside the block; fixed-size options have
 * their size; the timestamp fits in 64-bit nanoseconds.
 */
public final class PcapngReader extends CaptureReader {
    private int blockType;
    private int blockLength;
    private long blockNumber;
    private long blockOffset;

    private int sectionNumber;
    private String hardware;
    private String os;
    private String userApplication;
    private final List<PcapngInterface> interfaces = new ArrayList<>();

    // The option cursor over the current block: see nextOption().
    private int optPos;
    private int optEnd;
    private int optCode;
    private int optValue;
    private int optLength;

    PcapngReader(CaptureInput in) {
        super(in);
    }

    @Override
    CapturedPacket read() throws IOException {
        while (readBlock()) {
            switch (blockType) {
                case SHB_TYPE -> readSection();
                case IDB_TYPE -> readInterface();
                case EPB_TYPE -> {
                    return readPacket(u32(EPB_INTERFACE_OFFSET), false);
                }
                case PB_TYPE -> {
                    return readPacket(u16(PB_INTERFACE_OFFSET), true);
                }
                case SPB_TYPE -> {
                    return readSimplePacket();
                }
                default -> {
                    // NRB, ISB, DSB, custom, journal, unknown: nothing a packet record needs.
                }
            }
        }
        return null;
    }

    /**
     * Reads the next whole block into {@code in.buf[0, blockLength)} and checks its frame.
     * Returns false at a clean end of file (between blocks).
     */
    private boolean readBlock() throws IOException {
        blockOffset = in.offset();
        int got = in.readUpTo(0, 8);
        if (got == 0) {
            return false;
        }
        blockNumber++;
        if (got < 8) {
            throw truncated("file ends after " + got + " bytes, inside the 8-byte block header");
        }
        int rawType = Bytes.i32(in.buf, TYPE_OFFSET);
        int header = 8;
        if (rawType == SHB_TYPE) {
            got = in.readUpTo(SHB_BOM_OFFSET, 4);
            if (got < 4) {
                throw truncated("file ends inside the Section Header Block's byte-order magic");
            }
            int bom = Bytes.i32(in.buf, SHB_BOM_OFFSET);
            if (bom == BYTE_ORDER_MAGIC) {
                bigEndian = true;
            } else if (bom == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                bigEndian = false;
            } else {
                throw error(String.format("Section Header Block byte-order magic 0x%08x is neither 0x1a2b3c4d"
                        + " nor its byte swap 0x4d3c2b1a", bom));
            }
            header = 12;
            blockType = SHB_TYPE;
        } else {
            blockType = Endian.i32(in.buf, TYPE_OFFSET, bigEndian);
        }
        long length = Endian.u32(in.buf, LENGTH_OFFSET, bigEndian);
        int min = minimumLength(blockType);
        if (length < min) {
            throw error("block length " + length + " is below the " + min + "-byte minimum"
                    + (min > FRAME_LENGTH ? " for its type (" + blockName(blockType) + ")" : ""));
        }
        if (length % 4 != 0) {
            throw error(blockName(blockType) + " length " + length + " is not a multiple of 4");
        }
        if (length > CaptureInput.MAX_RECORD) {
            throw error(blockName(blockType) + " length " + length + " exceeds the reader's limit of "
                    + CaptureInput.MAX_RECORD + " bytes");
        }
        int len = (int) length;
        got = in.readUpTo(header, len - header);
        if (got < len - header) {
            throw truncated("truncated " + blockName(blockType) + ": it declares " + len
                    + " bytes but the file ends after " + (header + got));
        }
        long trailer = u32(len - 4);
        if (trailer != length) {
            throw error("trailing block length " + trailer + " does not match the leading block length " + length
                    + " (" + blockName(blockType) + ")");
        }
        blockLength = len;
        return true;
    }

    private void readSection() throws CaptureFormatException {
        int major = u16(SHB_MAJOR_OFFSET);
        int minor = u16(SHB_MINOR_OFFSET);
        if (major != VERSION_MAJOR) {
            throw error("unsupported pcapng version " + major + "." + minor + " (only 1.x is defined)");
        }
        sectionNumber++;
        versionMajor = major;
        versionMinor = minor;
        hardware = null;
        os = null;
        userApplication = null;
        interfaces.clear();
        startOptions(SHB_OPTIONS_OFFSET);
        while (nextOption()) {
            switch (optCode) {
                case SHB_HARDWARE -> hardware = optionString();
                case SHB_OS -> os = optionString();
                case SHB_USERAPPL -> userApplication = optionString();
                default -> { }
            }
        }
    }

    private void readInterface() throws CaptureFormatException {
        int linkType = u16(IDB_LINKTYPE_OFFSET);
        long snaplen = u32(IDB_SNAPLEN_OFFSET);
        String name = null;
        String description = null;
        int tsresol = DEFAULT_TSRESOL;
        long tsoffset = 0;
        startOptions(IDB_OPTIONS_OFFSET);
        while (nextOption()) {
            switch (optCode) {
                case IF_NAME -> name = optionString();
                case IF_DESCRIPTION -> description = optionString();
                case IF_TSRESOL -> {
                    requireOptionLength(1, "if_tsresol");
                    tsresol = in.buf[optValue] & 0xff;
                }
                case IF_TSOFFSET -> {
                    requireOptionLength(8, "if_tsoffset");
                    tsoffset = Endian.i64(in.buf, optValue, bigEndian);
                }
                default -> { }
            }
        }
        interfaces.add(new PcapngInterface(interfaces.size(), linkType, snaplen, name, description, tsresol, tsoffset));
    }

    /** An Enhanced Packet Block, or the obsolete Packet Block, which differs only in its 16-bit interface ID. */
    private CapturedPacket readPacket(long interfaceId, boolean obsolete) throws CaptureFormatException {
        PcapngInterface itf = describedInterface(interfaceId);
        long caplen = u32(EPB_CAPLEN_OFFSET);
        long origlen = u32(EPB_ORIGLEN_OFFSET);
        int room = blockLength - EPB_DATA_OFFSET - 4;
        if (caplen > room) {
            throw error("captured length " + caplen + " exceeds the " + room + " bytes of data and options the "
                    + blockName(blockType) + " holds");
        }
        int n = (int) caplen;
        int flags = 0;
        String comment = null;
        startOptions(EPB_DATA_OFFSET + pad4(n));
        while (nextOption()) {
            switch (optCode) {
                case OPT_COMMENT -> comment = comment == null ? optionString() : comment + "\n" + optionString();
                case EPB_FLAGS -> {
                    requireOptionLength(4, obsolete ? "pack_flags" : "epb_flags");
                    flags = Endian.i32(in.buf, optValue, bigEndian);
                }
                default -> { }
            }
        }
        long units = (u32(EPB_TS_HIGH_OFFSET) << 32) | u32(EPB_TS_LOW_OFFSET);
        return new CapturedPacket(timestamp(itf, units), itf.id(), itf.name(), itf.linkType(), originalLength(origlen),
                Arrays.copyOfRange(in.buf, EPB_DATA_OFFSET, EPB_DATA_OFFSET + n),
                flags & FLAGS_DIRECTION_MASK, comment, (flags >>> FLAGS_RECEPTION_SHIFT) & FLAGS_RECEPTION_MASK);
    }

    /**
     * A Simple Packet Block: interface 0, no timestamp (reported as 0), and a captured length the
     * draft derives as the smallest of the original length, the interface's snap length and the
     * block's room.
     */
    private CapturedPacket readSimplePacket() throws CaptureFormatException {
        if (interfaces.isEmpty()) {
            throw error("Simple Packet Block before any Interface Description Block in section " + sectionNumber);
        }
        PcapngInterface itf = interfaces.get(0);
        long origlen = u32(SPB_ORIGLEN_OFFSET);
        long caplen = Math.min(origlen, blockLength - SPB_DATA_OFFSET - 4);
        if (itf.snaplen() != 0) {
            caplen = Math.min(caplen, itf.snaplen());
        }
        return new CapturedPacket(0, 0, itf.name(), itf.linkType(), originalLength(origlen),
                Arrays.copyOfRange(in.buf, SPB_DATA_OFFSET, SPB_DATA_OFFSET + (int) caplen),
                CapturedPacket.DIRECTION_UNKNOWN, null);
    }

    private PcapngInterface describedInterface(long id) throws CaptureFormatException {
        if (id >= interfaces.size()) {
            throw error(blockName(blockType) + " refers to interface " + id + " but section " + sectionNumber
                    + " has described " + interfaces.size() + " interface" + (interfaces.size() == 1 ? "" : "s"));
        }
        return interfaces.get((int) id);
    }

    private int originalLength(long origlen) throws CaptureFormatException {
        if (origlen > Integer.MAX_VALUE) {
            throw error("original length " + origlen + " is beyond any packet");
        }
        return (int) origlen;
    }

    private long timestamp(PcapngInterface itf, long units) throws CaptureFormatException {
        try {
            return itf.toNanos(units);
        } catch (ArithmeticException e) {
            throw error("timestamp " + Long.toUnsignedString(units) + " at resolution " + itf.resolution()
                    + " with offset " + itf.tsOffsetSeconds() + " s does not fit in 64-bit nanoseconds");
        }
    }

    private void startOptions(int from) {
        optPos = from;
        optEnd = blockLength - 4;
    }

    /**
     * Steps to the next option of the current block, setting {@code optCode}, {@code optValue}
     * (offset in the buffer) and {@code optLength}; false after opt_endofopt or at the end of
     * the block. Every start offset and the end are multiples of 4, so a padded value never
     * passes the end once its unpadded length fits.
     */
    private boolean nextOption() throws CaptureFormatException {
        if (optEnd - optPos < OPTION_HEADER_LENGTH) {
            return false;
        }
        int code = u16(optPos);
        int length = u16(optPos + 2);
        if (code == OPT_ENDOFOPT) {
            optPos = optEnd;
            return false;
        }
        int value = optPos + OPTION_HEADER_LENGTH;
        if (length > optEnd - value) {
            throw error("option " + code + " at offset " + (blockOffset + optPos) + " has length " + length
                    + ", past the end of the " + blockName(blockType) + " (" + (optEnd - value) + " bytes left)");
        }
        optCode = code;
        optValue = value;
        optLength = length;
        optPos = value + pad4(length);
        return true;
    }

    private void requireOptionLength(int length, String name) throws CaptureFormatException {
        if (optLength != length) {
            throw error(name + " option at offset " + (blockOffset + optValue - OPTION_HEADER_LENGTH) + " has length "
                    + optLength + ", expected " + length);
        }
    }

    /** The current option's value as UTF-8, without the NUL terminator some writers add. */
    private String optionString() {
        int end = optValue + optLength;
        while (end > optValue && in.buf[end - 1] == 0) {
            end--;
        }
        return new String(in.buf, optValue, end - optValue, StandardCharsets.UTF_8);
    }

    private int u16(int off) {
        return Endian.u16(in.buf, off, bigEndian);
    }

    private long u32(int off) {
        return Endian.u32(in.buf, off, bigEndian);
    }

    private CaptureFormatException error(String problem) {
        return new CaptureFormatException(in.source(), "block " + blockNumber, blockOffset, problem, false);
    }

    private CaptureFormatException truncated(String problem) {
        return new CaptureFormatException(in.source(), "block " + blockNumber, blockOffset, problem, true);
    }

    @Override
    public Format format() {
        return Format.PCAPNG;
    }

    /** The current section's number, from 1 (0 before the first SHB has been read). */
    public int sectionNumber() {
        return sectionNumber;
    }

    /** The current section's {@code shb_hardware}, or null. */
    public String hardware() {
        return hardware;
    }

    /** The current section's {@code shb_os}, or null. */
    public String os() {
        return os;
    }

    /** The current section's {@code shb_userappl}, or null. */
    public String userApplication() {
        return userApplication;
    }

    /** The interfaces the current section has described so far, by ID. */
    public List<PcapngInterface> interfaces() {
        return Collections.unmodifiableList(interfaces);
    }
}
