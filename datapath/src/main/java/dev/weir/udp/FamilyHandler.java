package dev.weir.udp;

import dev.weir.ip.IpProtocolHandler;
import dev.weir.skb.SkBuff;

/**
 * One family's entry in an IP layer's protocol table for a protocol that serves both families
 * with one receive and one error routine ({@code udp}/{@code udpv6}, {@code ping}/{@code pingv6}).
 */
record FamilyHandler(String name, boolean v6, Receive receive, ErrorReport error) implements IpProtocolHandler {
    @FunctionalInterface
    interface Receive {
        void rcv(SkBuff skb, boolean v6);
    }

    @FunctionalInterface
    interface ErrorReport {
        void err(SkBuff skb, boolean v6, int type, int code, int info, int innerOffset);
    }

    @Override
    public void rcv(SkBuff skb) {
        receive.rcv(skb, v6);
    }

    @Override
    public void err(SkBuff skb, int type, int code, int info, int innerOffset) {
        error.err(skb, v6, type, code, info, innerOffset);
    }

    @Override
    public String toString() {
        return name;
    }
}
