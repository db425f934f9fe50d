package dev.weir.api.prog;

import dev.weir.api.maps.MapError;
import dev.weir.api.maps.ProgramArrayMap;
import dev.weir.api.maps.RingBufMap;

/**
 * The helpers every program context offers: Linux's {@code bpf_*} helpers that do not depend on
 * the hook, as methods of the context (never static globals, so each host and each run has its
 * own). None of them allocates on the program's behalf.
 */
public interface Helpers {
    /** Size of {@link #scratch()}: the BPF stack's 512 bytes. */
    int SCRATCH_SIZE = 512;
    /** Most tail calls one run may chain, as Linux's {@code MAX_TAIL_CALL_CNT}. */
    int MAX_TAIL_CALLS = 33;

    /**
     * The host's virtual time in nanoseconds ({@code bpf_ktime_get_ns}): the simulation clock,
     * which stands still during a run and advances only between events. Never the wall clock
     * (in TAP mode the real-time scheduler's clock).
     */
    long ktimeNs();

    /**
     * A pseudo-random 32-bit value ({@code bpf_get_prandom_u32}) from the host's seeded stream:
     * the same seed gives the same sequence, run after run.
     */
    int randomU32();

    /** The modelled CPU running the program ({@code bpf_get_smp_processor_id}). */
    int cpuId();

    /**
     * A per-run scratch area of {@link #SCRATCH_SIZE} bytes for map keys and values and
     * ring-buffer records: a program's stack. Not zeroed between runs and not preserved: write
     * before reading. The same array for every run on this context; do not keep it.
     */
    byte[] scratch();

    /**
     * {@code bpf_ringbuf_output}: copies {@code len} bytes of {@code src} into a record of
     * {@code ring} and submits it. OK, {@link MapError#EAGAIN} when the ring is full (the record
     * is lost and counted), {@link MapError#EINVAL}, {@link MapError#EFAULT}.
     */
    int ringbufOutput(RingBufMap ring, byte[] src, int off, int len, long flags);

    /**
     * {@code bpf_trace_printk}: appends a line to the host's trace pipe ({@code weir trace pipe},
     * like {@code /sys/kernel/tracing/trace_pipe}), prefixed with the virtual time, CPU and
     * program name. {@code fmt} must be a string constant; it is stored with the three
     * arguments and formatted when the line is read, so printing allocates nothing here.
     * Conversions take the arguments in order: {@code %d %i %u %x %X %c %%}, with optional
     * {@code l}/{@code ll} length modifiers and width (all arguments are 64-bit), and
     * {@code %pI4} (an IPv4 address in the argument's low 32 bits). At most three conversions.
     *
     * @return OK, or {@link MapError#EINVAL} for a format with more than three conversions or
     *         one not listed (nothing is printed)
     */
    int tracePrint(String fmt, long a, long b, long c);

    /**
     * {@code bpf_tail_call}: jumps to the program in slot {@code index} of {@code progs}, which
     * runs with this same context; its result becomes the result of this run. On success this
     * method <b>does not return</b>: the rest of the calling program is skipped, as in Linux
     * (the runtime unwinds the caller with an error the program cannot catch). It returns only
     * when the jump is impossible, and the caller goes on:
     * {@link MapError#E2BIG} for an index out of range, {@link MapError#ENOENT} for an empty
     * slot, {@link MapError#EBUSY} when {@link #MAX_TAIL_CALLS} jumps were already made in this
     * run, {@link MapError#EINVAL} when the slot holds a program of another type.
     */
    int tailCall(ProgramArrayMap progs, int index);
}
