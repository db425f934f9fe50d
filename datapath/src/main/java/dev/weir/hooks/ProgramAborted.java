package dev.weir.hooks;

/**
 * Errors the runtime throws through program code to end or unwind a run. Both are
 * {@link Error}s, which the verifier forbids programs to catch, preallocated and without stack
 * traces so that throwing them costs no garbage.
 */
final class ProgramAborted {
    private ProgramAborted() {}

    /** A direct load or store outside the packet: the run ends with the type's abort verdict. */
    static final class OutOfPacket extends Error {
        private static final long serialVersionUID = 1L;
        static final OutOfPacket INSTANCE = new OutOfPacket();

        private OutOfPacket() {
            super("a direct packet load or store out of bounds (check ctx.len() first, as a C program compares with data_end)",
                    null, false, false);
        }
    }

    /**
     * A successful tail call: the called program has run and its result is in the context; this
     * unwinds the caller to the attach point, which takes that result (Linux's tail call does not
     * return to the caller either).
     */
    static final class TailCallDone extends Error {
        private static final long serialVersionUID = 1L;
        static final TailCallDone INSTANCE = new TailCallDone();

        private TailCallDone() {
            super("tail call done", null, false, false);
        }
    }
}
