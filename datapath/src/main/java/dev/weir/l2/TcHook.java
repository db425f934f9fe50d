package dev.weir.l2;

import dev.weir.core.NetDevice;
import dev.weir.skb.SkBuff;

/**
 * What runs at a device's tc ingress or egress point (the {@code clsact} qdisc's
 * {@code sch_handle_ingress} / {@code sch_handle_egress}): installed by the hooks layer with
 * {@link L2#setTcHook}. The hook decides and carries out the packet's fate.
 *
 * <p><b>Ingress</b>: called in {@code __netif_receive_skb_core} after the taps and VLAN untag,
 * before VLAN devices, the bridge and protocol dispatch; {@code skb.data()} is the network
 * header with the MAC header set. <b>Egress</b>: called first thing in {@code dev_queue_xmit},
 * before the qdisc; {@code skb.data()} is the Ethernet header.
 *
 * <p>It returns {@link #CONTINUE} with the packet as the stage expects it (data where it was
 * on entry, headers set: the hook restores them if a program moved them), {@link #DROPPED}
 * when it dropped the packet (counted with its reason), or {@link #TAKEN} when the packet is
 * the hook's (stolen, or redirected elsewhere). It must not throw.
 */
@FunctionalInterface
public interface TcHook {
    /** The packet goes on through the stage. */
    int CONTINUE = 0;
    /** The hook dropped the packet (counted): the stage forgets it. */
    int DROPPED = 1;
    /** The hook took the packet (stolen, redirected): the stage forgets it. */
    int TAKEN = 2;

    int run(SkBuff skb, NetDevice dev);
}
