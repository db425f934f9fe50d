package dev.weir.api.wire;

/**
 * A reusable cursor over the options of an IPv4 header (RFC 791 section 3.1), allocation-free.
 *
 * <p>Two option formats exist: a single octet (End of Option List 0, No Operation 1), and
 * type, length, data, where the length counts the type and length octets, so is at least 2, and
 * the option must end inside the header. {@link #check} enforces exactly that, as Linux's
 * {@code __ip_options_compile} does before it looks at any option's contents; it answers
 * {@link WireError#BAD_OPTION} otherwise. What an option means (a Record Route pointer, a
 * timestamp overflow) is the IP stage's business, not the wire format's.
 *
 * <pre>{@code
 * Ipv4Options opts = new Ipv4Options();   // once, reused per packet
 * opts.reset(ip);
 * while (opts.next()) {
 *     if (opts.type() == Ipv4Options.ROUTER_ALERT) { ... opts.dataOffset() ... }
 * }
 * }</pre>
 *
 * The walk yields every option with a length octet, skips No Operation octets, and stops at
 * End of Option List (whatever follows it is padding).
 */
public final class Ipv4Options {
    /** End of Option List: the walk stops here. */
    public static final int EOL = 0;
    /** No Operation: a one-octet pad between options. */
    public static final int NOP = 1;
    /** Record Route (RFC 791). */
    public static final int RECORD_ROUTE = 7;
    /** Internet Timestamp (RFC 791). */
    public static final int TIMESTAMP = 68;
    /** Loose Source and Record Route (RFC 791). */
    public static final int LSRR = 131;
    /** Strict Source and Record Route (RFC 791). */
    public static final int SSRR = 137;
    /** Router Alert (RFC 2113). */
    public static final int ROUTER_ALERT = 148;

    private byte[] buf;
    private int pos;
    private int end;
    private int at = -1;

    /**
     * Checks the option area {@code [off, off + len)}: every option after a one-octet NOP has a
     * length octet inside the area, that length is at least 2 and the option ends inside the area.
     * Returns OK, BAD_OPTION, or TRUNCATED when the range itself lies outside {@code buf}.
     */
    public static WireError check(byte[] buf, int off, int len) {
        if (Views.outside(buf, off, len)) {
            return WireError.TRUNCATED;
        }
        return badOptionAt(buf, off, off + len) < 0 ? WireError.OK : WireError.BAD_OPTION;
    }

    /**
     * The offset of the first malformed option in {@code [p, end)}, or -1 when all are well
     * formed: what an ICMP Parameter Problem's pointer names.
     */
    static int badOptionAt(byte[] buf, int p, int end) {
        while (p < end) {
            int type = buf[p] & 0xff;
            if (type == EOL) {
                return -1;
            }
            if (type == NOP) {
                p++;
                continue;
            }
            if (end - p < 2) {
                return p;
            }
            int optLen = buf[p + 1] & 0xff;
            if (optLen < 2 || optLen > end - p) {
                return p + 1;
            }
            p += optLen;
        }
        return -1;
    }

    /** Positions the cursor before the first option of {@code ip} (validated when it was wrapped). */
    public void reset(Ipv4Packet ip) {
        buf = ip.buffer();
        pos = ip.optionsOffset();
        end = pos + ip.optionsLength();
        at = -1;
    }

    /**
     * Checks the option area {@code [off, off + len)} and positions the cursor before its first
     * option. On anything but OK the cursor is empty.
     */
    public WireError reset(byte[] buf, int off, int len) {
        WireError e = check(buf, off, len);
        this.buf = buf;
        this.pos = off;
        this.end = e == WireError.OK ? off + len : off;
        this.at = -1;
        return e;
    }

    /** Advances to the next option with a length octet; false at End of Option List or the end of the area. */
    public boolean next() {
        while (pos < end) {
            int type = buf[pos] & 0xff;
            if (type == EOL) {
                pos = end;
                break;
            }
            if (type == NOP) {
                pos++;
                continue;
            }
            at = pos;
            pos += buf[pos + 1] & 0xff;
            return true;
        }
        at = -1;
        return false;
    }

    /** The option's type octet (copied flag, class and number together, as RFC 791 lays them out). */
    public int type() {
        return buf[current()] & 0xff;
    }

    /** True when the copied flag is set: fragmentation copies the option into every fragment. */
    public boolean copied() {
        return (type() & 0x80) != 0;
    }

    /** The option's length octet: type, length and data together. */
    public int length() {
        return buf[current() + 1] & 0xff;
    }

    /** Absolute offset of the option's type octet. */
    public int offset() {
        return current();
    }

    /** Absolute offset of the option's data, after type and length. */
    public int dataOffset() {
        return current() + 2;
    }

    public int dataLength() {
        return length() - 2;
    }

    private int current() {
        if (at < 0) {
            throw new IllegalStateException("no current IPv4 option: call next() first and only while it returns true");
        }
        return at;
    }
}
