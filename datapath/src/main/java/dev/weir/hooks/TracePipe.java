package dev.weir.hooks;

import dev.weir.api.prog.TracePrintFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * A host's trace pipe ({@code /sys/kernel/tracing/trace_pipe}): the lines programs print with
 * {@code tracePrint}. A line is stored as its format and three arguments, with the virtual
 * time, CPU and program, and formatted only when read, so printing allocates nothing. It holds
 * the last {@link #CAPACITY} lines; older ones are overwritten and counted as lost, as the
 * kernel's ring buffer overwrites.
 */
public final class TracePipe {
    /** Lines kept before the oldest is overwritten. */
    public static final int CAPACITY = 4096;

    private final String[] fmt = new String[CAPACITY];
    private final long[] a = new long[CAPACITY];
    private final long[] b = new long[CAPACITY];
    private final long[] c = new long[CAPACITY];
    private final long[] time = new long[CAPACITY];
    private final int[] cpu = new int[CAPACITY];
    private final String[] prog = new String[CAPACITY];
    private final int[] progId = new int[CAPACITY];
    private long written;
    private long read;
    private long lost;

    /** Appends a line; the format was checked before. */
    void add(long nowNs, int cpuId, String progName, int id, String format, long x, long y, long z) {
        int i = (int) (written % CAPACITY);
        if (written - read >= CAPACITY) {
            read++;
            lost++;
        }
        fmt[i] = format;
        a[i] = x;
        b[i] = y;
        c[i] = z;
        time[i] = nowNs;
        cpu[i] = cpuId;
        prog[i] = progName;
        progId[i] = id;
        written++;
    }

    /**
     * Reads and removes the lines waiting, each as the kernel's trace_pipe shows one:
     * {@code name-ID [CPU] SECONDS: bpf_trace_printk: TEXT} (the task field is the program's name
     * and id, the time is virtual).
     */
    public List<String> drain() {
        List<String> out = new ArrayList<>();
        while (read < written) {
            int i = (int) (read % CAPACITY);
            out.add(String.format("%16s-%-5d [%03d] %d.%06d: bpf_trace_printk: %s", prog[i], progId[i], cpu[i],
                    time[i] / 1_000_000_000L, (time[i] / 1000) % 1_000_000, TracePrintFormat.format(fmt[i], a[i], b[i], c[i])));
            fmt[i] = null;
            prog[i] = null;
            read++;
        }
        return out;
    }

    /** Lines overwritten before they were read. */
    public long lost() {
        return lost;
    }

    /** Lines waiting to be read. */
    public int pending() {
        return (int) (written - read);
    }
}
