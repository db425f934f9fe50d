package dev.weir.netfilter;

import dev.weir.api.prog.NfHook;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;

/**
 * What a callback knows about the hook it runs on (Linux's {@code struct nf_hook_state}): which
 * hook and family, the devices the packet came in on and goes out of, the namespace, and the
 * socket that sent it. Read-only for callbacks, and valid only during the call: the object is
 * reused for the next packet.
 */
public final class NfHookState {
    int hook;
    int pf;
    NetDevice in;
    NetDevice out;
    Object sk;
    NfOkFn okfn;
    final NetNs net;

    NfHookState(NetNs net) {
        this.net = net;
    }

    /** {@link NfHook#PREROUTING} .. {@link NfHook#POSTROUTING}. */
    public int hook() {
        return hook;
    }

    /** {@link NfHook#PF_IPV4} or {@link NfHook#PF_IPV6}. */
    public int pf() {
        return pf;
    }

    /** The device the packet arrived on: set at PREROUTING, INPUT and FORWARD, else null. */
    public NetDevice in() {
        return in;
    }

    /** The device the packet will leave by: set at FORWARD, OUTPUT and POSTROUTING, else null. */
    public NetDevice out() {
        return out;
    }

    /** The sending socket for locally generated packets, else null. */
    public Object sk() {
        return sk;
    }

    public NetNs net() {
        return net;
    }

    /** The continuation the packet goes to when accepted. */
    public NfOkFn okfn() {
        return okfn;
    }

    @Override
    public String toString() {
        return Netfilter.familyName(pf) + " " + NfHook.name(hook) + (in != null ? " in " + in.name() : "")
                + (out != null ? " out " + out.name() : "");
    }
}
