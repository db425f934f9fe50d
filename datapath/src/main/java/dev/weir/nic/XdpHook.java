package dev.weir.nic;

/**
 * What runs at a NIC's XDP point (the driver's receive path, in the NAPI poll, before the skb
 * is built): installed by the hooks layer with {@link Nic#setXdp}. It returns one of
 * {@code dev.weir.api.prog.XdpAction}'s values and the driver carries it out:
 *
 * <ul>
 *   <li>PASS: the skb is built from the frame's (possibly moved) bounds and goes up as usual;
 *   <li>DROP: the buffer goes back to the ring at once (no allocation), counted
 *       {@code rx_xdp_drop} and in the host's drop table (reason XDP);
 *   <li>TX: the frame leaves by the same NIC's transmit ring of the same queue index,
 *       bypassing the qdisc ({@code rx_xdp_tx_xmit}; ring full: {@code rx_xdp_tx_full}, dropped);
 *   <li>REDIRECT: the frame goes to the transmit routine of each device in
 *       {@link XdpBuff#targets} ({@code rx_xdp_redirect}; on a NIC target its ring,
 *       {@code tx_xdp_xmit}); no target, or a target that is missing or refuses it:
 *       {@code rx_xdp_redirect_err}, dropped, {@code xdp:xdp_exception};
 *   <li>ABORTED and any other value: dropped with reason PROG_ABORTED, {@code rx_xdp_aborted},
 *       {@code xdp:xdp_exception}.
 * </ul>
 * It must not throw, and must not keep {@code xdp} or its buffer.
 */
@FunctionalInterface
public interface XdpHook {
    int run(XdpBuff xdp);
}
