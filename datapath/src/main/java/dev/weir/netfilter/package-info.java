/**
 * Netfilter: the five hooks of the IPv4 and IPv6 packet paths, each a priority-ordered chain of
 * callbacks, and the {@code NF_HOOK} entry the IP stages call where Linux does.
 *
 * <pre>
 *  ip_rcv ---[PREROUTING]----&gt; ip_rcv_finish (route) --+--&gt; ip_local_deliver ---[INPUT]------&gt; transport
 *                                                      |
 *                                                      +--&gt; ip_forward ---[FORWARD]---&gt; ip_forward_finish
 *                                                                                            |
 *  transport --&gt; ip_local_out ---[OUTPUT]----&gt; dst_output --&gt; ip_output &lt;-----------------+
 *                                                                   |
 *                                                   [POSTROUTING]---+--&gt; ip_finish_output (fragment) --&gt; neigh
 * </pre>
 *
 * <p>A stage is split around its hook: the first half validates and calls
 * {@link dev.weir.netfilter.Netfilter#hook}; the continuation ({@link dev.weir.netfilter.NfOkFn},
 * the "finish" half) runs only if every callback accepted the packet. Hook numbers, families,
 * priorities and verdicts are those of the program API ({@link dev.weir.api.prog.NfHook},
 * {@link dev.weir.api.prog.NfVerdict}), Linux's numbers.
 * Callbacks are plain Java ({@link dev.weir.netfilter.NfHookFn}); loading verified user programs
 * onto the hooks builds on this API.
 */
package dev.weir.netfilter;
