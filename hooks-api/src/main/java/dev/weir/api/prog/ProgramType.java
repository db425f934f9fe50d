package dev.weir.api.prog;

/**
 * The kinds of program, one per program interface, with what the runtime does when a run of
 * one fails (throws, reads out of bounds, runs out of its instruction budget).
 */
public enum ProgramType {
    /** {@link XdpProgram}: raw frames in the driver's receive path, before any skb. */
    XDP("xdp", XdpProgram.class, XdpAction.ABORTED, true),
    /** {@link TcProgram}: tc ingress (after GRO) and egress (before the qdisc), on skbs. */
    TC("sched_cls", TcProgram.class, TcAction.SHOT, true),
    /** {@link NetfilterProgram}: one of the five netfilter hooks, at a priority. */
    NETFILTER("netfilter", NetfilterProgram.class, NfVerdict.DROP, true),
    /** {@link TracepointProgram}: a named tracepoint; observes only. */
    TRACEPOINT("tracepoint", TracepointProgram.class, 0, true),
    /** {@link ProbeProgram}: entry or exit of a named stage function; observes only. */
    PROBE("kprobe", ProbeProgram.class, 0, true),
    /** {@link CongestionControl}: a TCP congestion-control algorithm. */
    CONGESTION_CONTROL("struct_ops", CongestionControl.class, 0, false);

    private final String linuxName;
    private final Class<?> programInterface;
    private final int abortVerdict;
    private final boolean tailCalls;

    ProgramType(String linuxName, Class<?> programInterface, int abortVerdict, boolean tailCalls) {
        this.linuxName = linuxName;
        this.programInterface = programInterface;
        this.abortVerdict = abortVerdict;
        this.tailCalls = tailCalls;
    }

    /** The program type's name as bpftool prints it ({@code xdp}, {@code sched_cls}, ...). */
    public String linuxName() {
        return linuxName;
    }

    /** The interface a program of this type implements (exactly one of them). */
    public Class<?> programInterface() {
        return programInterface;
    }

    /**
     * The verdict that stands when a run fails: {@link XdpAction#ABORTED}, {@link TcAction#SHOT},
     * {@link NfVerdict#DROP}; 0 for types without a verdict (tracing: the event is just not
     * handled; congestion control: the stack keeps the socket's state as it was and counts the
     * failure).
     */
    public int abortVerdict() {
        return abortVerdict;
    }

    /** True when programs of this type may tail-call (and sit in a program array). */
    public boolean tailCalls() {
        return tailCalls;
    }

    /** The type of a program instance (the interface it implements), or null when it implements none. */
    public static ProgramType of(Object program) {
        return program == null ? null : ofClass(program.getClass());
    }

    /** The type of a program class, or null when it implements none of the program interfaces. */
    public static ProgramType ofClass(Class<?> c) {
        for (ProgramType t : values()) {
            if (t.programInterface.isAssignableFrom(c)) {
                return t;
            }
        }
        return null;
    }
}
