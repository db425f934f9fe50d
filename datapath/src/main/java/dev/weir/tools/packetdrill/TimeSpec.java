package dev.weir.tools.packetdrill;

/**
 * The time column of an event, in microseconds of script time (packetdrill converts seconds to
 * microseconds when it parses; so does Weir, exactly, from the decimal text).
 *
 * <ul>
 *   <li>{@link Absolute} {@code 0.100}: since the script's first event;
 *   <li>{@link Relative} {@code +.1}: after the previous event (see {@link Timing#startOf});
 *   <li>{@link AbsoluteRange} {@code 0.1~0.2} and {@link RelativeRange} {@code +.1~+.105}: any time
 *       in the interval, both ends widened by the tolerance; outbound packets only;
 *   <li>{@link Any} {@code *}: whenever it comes; outbound packets only.
 * </ul>
 * The end of a blocking system call ({@code +0...0.100}) is not part of the time column but of
 * the call, {@link Action.Syscall#blockingEndUsecs()}.
 */
public sealed interface TimeSpec {
    /** {@code 0}, {@code 1.5}: at this many microseconds after the script's start. */
    record Absolute(long usecs) implements TimeSpec {
        @Override
        public String toString() {
            return seconds(usecs);
        }
    }

    /** {@code +.1}: this many microseconds after the previous event. */
    record Relative(long usecs) implements TimeSpec {
        @Override
        public String toString() {
            return "+" + seconds(usecs);
        }
    }

    /** {@code 0.1~0.2}: anywhere in the interval of script time. */
    record AbsoluteRange(long startUsecs, long endUsecs) implements TimeSpec {
        @Override
        public String toString() {
            return seconds(startUsecs) + "~" + seconds(endUsecs);
        }
    }

    /** {@code +.1~+.105}: anywhere in the interval, both ends counted from the previous event. */
    record RelativeRange(long startUsecs, long endUsecs) implements TimeSpec {
        @Override
        public String toString() {
            return "+" + seconds(startUsecs) + "~+" + seconds(endUsecs);
        }
    }

    /** {@code *}: any time. */
    record Any() implements TimeSpec {
        @Override
        public String toString() {
            return "*";
        }
    }

    /** True for the forms counted from the previous event ({@code +t}, {@code +a~+b}) and for {@code *}. */
    default boolean isRelative() {
        return this instanceof Relative || this instanceof RelativeRange || this instanceof Any;
    }

    /** Script-syntax seconds: {@code 100000} prints as {@code 0.1}, {@code 2000000} as {@code 2}. */
    static String seconds(long usecs) {
        String s = Long.toString(usecs / 1_000_000);
        long frac = usecs % 1_000_000;
        if (frac == 0) {
            return s;
        }
        String f = String.format("%06d", frac);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        return s + "." + f.substring(0, end);
    }
}
