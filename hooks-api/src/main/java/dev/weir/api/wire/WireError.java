package dev.weir.api.wire;

/**
 * Why a header view refused its bytes. Parsers never throw on malformed input: {@code wrap}
 * returns one of these, and {@link #OK} is the only value after which the view's accessors
 * may be used.
 */
public enum WireError {
    /** The bytes form a valid header; accessors cannot fail. */
    OK("ok"),
    /** Fewer bytes than the fixed header, or than a length field says. */
    TRUNCATED("truncated"),
    /** A length field is smaller than the header it describes, or inconsistent with another. */
    BAD_LENGTH("bad length"),
    /** A header-length field (IPv4 IHL, TCP data offset) is below the minimum or past the end. */
    BAD_HEADER_LENGTH("bad header length"),
    /** A version field that this format does not carry (IPv4 != 4, IPv6 != 6). */
    BAD_VERSION("bad version"),
    /** The checksum does not verify. */
    BAD_CHECKSUM("bad checksum"),
    /** An option or extension header is malformed (length runs past the header, bad kind). */
    BAD_OPTION("bad option"),
    /** A field holds a value this format does not allow (ARP hardware type, ICMP code...). */
    BAD_FIELD("bad field"),
    /** An address that may not appear where it does (multicast source, ...). */
    BAD_ADDRESS("bad address");

    private final String description;

    WireError(String description) {
        this.description = description;
    }

    /** A short lower-case phrase, as printed in drop reasons and packet summaries. */
    public String description() {
        return description;
    }
}
