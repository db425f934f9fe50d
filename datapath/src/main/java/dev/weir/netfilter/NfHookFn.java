package dev.weir.netfilter;

import dev.weir.api.prog.NfVerdict;
import dev.weir.skb.SkBuff;

/**
 * A callback on one netfilter hook (Linux's {@code nf_hookfn}).
 *
 * <p>Called on the host's simulation thread for every packet crossing the hook, in priority
 * order with the other callbacks of that hook. The callback may read and rewrite the packet
 * (after {@link SkBuff#makeWritable()}), and returns one of the {@link NfVerdict} values. It must
 * not free the packet unless it returns {@link NfVerdict#STOLEN}, must not keep {@code state}
 * after returning (it is reused for the next packet), and must not allocate on the per-packet
 * path. It may send other packets (an ICMP error, a TCP reset): those cross the hooks they reach
 * in their own right, from inside this call. It may register or unregister callbacks: a
 * registration takes effect from the next packet; an unregistered callback is not called again,
 * not even for the packet being processed.
 */
@FunctionalInterface
public interface NfHookFn {
    int hook(NfHookState state, SkBuff skb);
}
