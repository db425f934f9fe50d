/**
 * Netfilter: the five hooks of the IPv4 and IPv6 packet paths, each a priority-ordered chain of
 * callbacks, and the {@code NF_HOOK} entry the IP stages call where Linux does.
 *
 * <pre>
 *  ip_rcv ---[PRE_ROUTING]---&gt; ip_rcv_finish (route) --+--&gt; ip_local_deliver ---[LOCAL_IN]---&gt; transport
 *                                                      |
 *                                                      +--&gt; ip_forward ---[FORWARD]---&gt; ip_forward_finish
 *                                                                                            |
 *  transport --&gt; ip_local_out ---[LOCAL_OUT]---&gt; dst_output --&gt; ip_output &lt;-----------------+
 *                                                                   |
 *                                                   [POST_ROUTING]--+--&gt; ip_finish_output (fragment) --&gt; neigh
 * </pre>
 *
 * <p>A stage is split around its hook: the first half validates and calls
 * {@link dev.weir.netfilter.Netfilter#hook}; the continuation ({@link dev.weir.netfilter.NfOkFn},
 * the "finish" half) runs only if every callback accepted the packet. Verdicts are in
 * {@link dev.weir.netfilter.NfVerdict}, priorities in {@link dev.weir.netfilter.NfPriority}.
 * Callbacks are plain Java ({@link dev.weir.netfilter.NfHookFn}); loading verified user programs
 * onto the hooks builds on this API.
 */
package dev.weir.netfilter;
