package dev.weir.api.prog;

/**
 * An XDP program: runs in the driver's receive path on each raw frame, after the NIC has
 * written it into a receive buffer and before any skb is built, GRO runs or a capture tap sees
 * it. The earliest and cheapest place to drop, rewrite, bounce or redirect a frame.
 *
 * <p><b>When:</b> once per received frame of the device it is attached to, inside the NAPI
 * poll of the receive queue the frame arrived on, on that queue's CPU; the program's cost is
 * charged to that CPU's softirq time.
 *
 * <p><b>May:</b> read and rewrite the frame through {@link XdpContext} (bounds-checked loads and
 * stores, the wire views over {@code buffer()}), grow or shrink it at either end, use maps and
 * helpers, and return an {@link XdpAction}.
 *
 * <p><b>Must not:</b> keep state in fields (state lives in maps), allocate, block, or touch
 * anything outside hooks-api; the verifier refuses such classes. The frame buffer is valid only
 * during the call: no reference to it or to the context may be kept.
 *
 * <pre>{@code
 * public final class DropUdpToDiscard implements XdpProgram {
 *     public int run(XdpContext ctx) {
 *         if (ctx.len() < 14 + 20 + 8 || ctx.loadU16(12) != EtherType.IPV4) return XdpAction.PASS;
 *         int ihl = (ctx.loadU8(14) & 0xf) * 4;
 *         if (ctx.loadU8(23) != IpProtocol.UDP || ctx.len() < 14 + ihl + 8) return XdpAction.PASS;
 *         return ctx.loadU16(14 + ihl + 2) == 9 ? XdpAction.DROP : XdpAction.PASS;
 *     }
 * }
 * }</pre>
 */
public interface XdpProgram {
    /** Decides the frame's fate: one of {@link XdpAction}'s values. */
    int run(XdpContext ctx);
}
