package dev.weir.netfilter;

import dev.weir.skb.SkBuff;

/**
 * The second half of a stage split around a hook (Linux's {@code okfn}: {@code ip_rcv_finish},
 * {@code ip_local_deliver_finish}, {@code ip_forward_finish}, {@code dst_output},
 * {@code ip_finish_output}). It receives the packet once every callback accepted it and owns it
 * from then on.
 *
 * <p>Stages create each continuation once (a field holding a method reference) and pass the
 * same object for every packet, so running a hook allocates nothing.
 */
@FunctionalInterface
public interface NfOkFn {
    void ok(SkBuff skb);
}
