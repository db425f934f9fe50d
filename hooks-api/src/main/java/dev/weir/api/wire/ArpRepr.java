package dev.weir.api.wire;

/**
 * The parsed form of an Ethernet/IPv4 ARP packet (RFC 826), for tests, the command line and
 * slow paths.
 *
 * @param operation request or reply
 * @param senderMac sender hardware address
 * @param senderIp sender protocol address
 * @param targetMac target hardware address (zero in a request, as Linux sends it)
 * @param targetIp target protocol address
 */
public record ArpRepr(Operation operation, MacAddress senderMac, Ipv4Address senderIp,
        MacAddress targetMac, Ipv4Address targetIp) {

    /** The two ARP operations Weir speaks. */
    public enum Operation {
        REQUEST(ArpPacket.OP_REQUEST),
        REPLY(ArpPacket.OP_REPLY);

        private final int code;

        Operation(int code) {
            this.code = code;
        }

        /** The value of the operation field. */
        public int code() {
            return code;
        }
    }

    public ArpRepr {
        java.util.Objects.requireNonNull(operation, "operation");
        java.util.Objects.requireNonNull(senderMac, "senderMac");
        java.util.Objects.requireNonNull(senderIp, "senderIp");
        java.util.Objects.requireNonNull(targetMac, "targetMac");
        java.util.Objects.requireNonNull(targetIp, "targetIp");
    }

    /** A request for {@code targetIp}, target hardware address zero. */
    public static ArpRepr request(MacAddress senderMac, Ipv4Address senderIp, Ipv4Address targetIp) {
        return new ArpRepr(Operation.REQUEST, senderMac, senderIp, MacAddress.ZERO, targetIp);
    }

    /** The reply to {@code request} from the owner of its target address. */
    public static ArpRepr replyTo(ArpRepr request, MacAddress ownerMac) {
        return new ArpRepr(Operation.REPLY, ownerMac, request.targetIp, request.senderMac, request.senderIp);
    }

    public static ArpRepr parse(ArpPacket p) {
        return new ArpRepr(p.operation() == ArpPacket.OP_REQUEST ? Operation.REQUEST : Operation.REPLY,
                new MacAddress(p.senderMac()), new Ipv4Address(p.senderIp()),
                new MacAddress(p.targetMac()), new Ipv4Address(p.targetIp()));
    }

    public int headerLength() {
        return ArpPacket.LEN;
    }

    public int bufferLength() {
        return ArpPacket.LEN;
    }

    /** Writes the packet at {@code off}; returns its length (28). */
    public int emit(byte[] b, int off) {
        Bytes.put16(b, off + ArpPacket.HTYPE_OFFSET, ArpPacket.HTYPE_ETHERNET);
        Bytes.put16(b, off + ArpPacket.PTYPE_OFFSET, EtherType.IPV4);
        Bytes.put8(b, off + ArpPacket.HLEN_OFFSET, 6);
        Bytes.put8(b, off + ArpPacket.PLEN_OFFSET, 4);
        Bytes.put16(b, off + ArpPacket.OPER_OFFSET, operation.code());
        senderMac.write(b, off + ArpPacket.SHA_OFFSET);
        senderIp.write(b, off + ArpPacket.SPA_OFFSET);
        targetMac.write(b, off + ArpPacket.THA_OFFSET);
        targetIp.write(b, off + ArpPacket.TPA_OFFSET);
        return ArpPacket.LEN;
    }
}
