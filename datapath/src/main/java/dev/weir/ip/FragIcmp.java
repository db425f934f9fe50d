package dev.weir.ip;

import dev.weir.skb.SkBuff;

/** How reassembly asks the ICMP layer to report on a datagram it gives up on. */
interface FragIcmp {
    /**
     * The datagram whose first fragment is {@code head} (data at its network header, header and
     * data as received) timed out: send "fragment reassembly time exceeded" (ICMP type 11 /
     * ICMPv6 type 3, code 1) if the rules allow. {@code head} stays the caller's.
     */
    void reassemblyTimedOut(SkBuff head, int iif);

    /**
     * IPv6 only: refuse {@code skb} (data at its network header) with an ICMPv6 parameter problem
     * of {@code code} pointing at byte {@code pointer} of it. The callee takes the buffer and
     * must drop it.
     */
    void parameterProblem(SkBuff skb, int code, int pointer);
}
