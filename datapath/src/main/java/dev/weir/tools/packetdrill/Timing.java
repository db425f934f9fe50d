package dev.weir.tools.packetdrill;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * packetdrill's timing rules, as pure functions over script time in microseconds (time since
 * the script's first event; the runner's clock is virtual, so "live" and script time share an
 * origin). Follows packetdrill's {@code run.c}: {@code adjust_relative_event_times},
 * {@code verify_time} and the blocking-call and TCP timestamp checks.
 *
 * <ul>
 *   <li><b>Start of an event.</b> An absolute time is what it says. A relative time {@code +t}
 *       (and {@code +a~+b}, and {@code *}) counts from <em>now</em>, the moment the runner reaches
 *       the event, except that an inbound packet right after another inbound packet counts from
 *       that packet's scheduled time, so that a burst of injected packets keeps its spacing.
 *   <li><b>Tolerance.</b> {@code max(--tolerance_usecs (default 4000), --tolerance_percent
 *       (default 12.5) % of the gap since the previous event's scheduled time)}, the percentage
 *       being the worst-case slack of Linux's timer wheel since 4.8. An event must happen within
 *       its time plus or minus the tolerance; a range widens both of its ends by it; {@code *}
 *       is not checked.
 *   <li><b>Blocking calls.</b> {@code +0...0.100 read(...)}: the end counts from the same origin
 *       as the start (so the call returns 100 ms after "now", not after its start), and the
 *       return is checked against the end with the tolerance computed from the call's own start.
 *   <li><b>Outbound TCP timestamps.</b> Checked only when {@code --tcp_ts_tick_usecs} is given:
 *       |actual - script| ticks times the tick length must not exceed the tolerance computed over
 *       the whole time since the script's start.
 * </ul>
 * Only outbound packets are checked against the clock in practice: the runner performs inbound
 * packets, system calls, commands and code blocks at their time, so they are on time by construction.
 */
public final class Timing {
    private Timing() {}

    public static final long DEFAULT_TOLERANCE_USECS = 4000;
    public static final double DEFAULT_TOLERANCE_PERCENT = 12.5;

    /** The timing settings of a run: {@code --tolerance_usecs}, {@code --tolerance_percent}, {@code --tcp_ts_tick_usecs} (0: TS val unchecked). */
    public record Config(long toleranceUsecs, double tolerancePercent, long tsTickUsecs) {
        public static final Config DEFAULT = new Config(DEFAULT_TOLERANCE_USECS, DEFAULT_TOLERANCE_PERCENT, 0);

        /**
         * The defaults overridden by the script's own option lines.
         *
         * @throws IllegalArgumentException naming the line and option when a value is not a non-negative number
         */
        public static Config of(Script script) {
            long tol = (long) number(script, "tolerance_usecs", DEFAULT_TOLERANCE_USECS);
            double pct = number(script, "tolerance_percent", DEFAULT_TOLERANCE_PERCENT);
            long tick = (long) number(script, "tcp_ts_tick_usecs", 0);
            return new Config(tol, pct, tick);
        }

        private static double number(Script script, String name, double dflt) {
            Optional<ScriptOption> o = script.option(name);
            if (o.isEmpty()) {
                return dflt;
            }
            String v = o.get().value().orElse("");
            boolean integral = !name.equals("tolerance_percent");
            if (!v.matches(integral ? "[0-9]{1,15}" : "[0-9]{1,15}(\\.[0-9]*)?")) {
                throw new IllegalArgumentException(script.file() + ":" + o.get().line() + ": --" + name + " needs a non-negative "
                        + (integral ? "integer" : "number") + ", got '" + v + "'");
            }
            return Double.parseDouble(v);
        }
    }

    /**
     * An event's scheduled time: {@code start} (and {@code end}, equal to start unless a range),
     * and the {@code offset} its relative numbers were counted from (0 for absolute times).
     */
    public record Scheduled(long start, long end, long offset) {}

    /** Whether {@code current} counts its relative time from {@code previous}'s scheduled time: both inbound packets. */
    public static boolean anchored(Action previous, Action current) {
        return previous instanceof Action.PacketIn && current instanceof Action.PacketIn;
    }

    /**
     * When an event is due. {@code previousStart} is the scheduled time of the event before it,
     * used instead of {@code now} when {@link #anchored}; {@code now} is the script time at which
     * the runner reaches the event.
     */
    public static Scheduled startOf(TimeSpec time, boolean anchored, long previousStart, long now) {
        long offset = anchored ? previousStart : now;
        return switch (time) {
            case TimeSpec.Absolute a -> new Scheduled(a.usecs(), a.usecs(), 0);
            case TimeSpec.AbsoluteRange r -> new Scheduled(r.startUsecs(), r.endUsecs(), 0);
            case TimeSpec.Relative r -> new Scheduled(r.usecs() + offset, r.usecs() + offset, offset);
            case TimeSpec.RelativeRange r -> new Scheduled(r.startUsecs() + offset, r.endUsecs() + offset, offset);
            case TimeSpec.Any a -> new Scheduled(offset, offset, offset);
        };
    }

    /** When a blocking call written {@code t...end} must return: {@code end} plus the offset its start was counted from. */
    public static long blockingEnd(TimeSpec time, Scheduled start, long endUsecs) {
        return time instanceof TimeSpec.Relative ? endUsecs + start.offset() : endUsecs;
    }

    /**
     * The tolerance for an event scheduled at {@code scheduled} whose predecessor was scheduled
     * at {@code previous} (absent for the first event): the larger of the fixed tolerance and the
     * percentage of the gap, truncated to whole microseconds as packetdrill's C does.
     */
    public static long tolerance(Config c, long scheduled, OptionalLong previous) {
        long tol = c.toleranceUsecs();
        if (previous.isPresent()) {
            long dynamic = (long) (c.tolerancePercent() / 100.0 * (scheduled - previous.getAsLong()));
            tol = Math.max(tol, dynamic);
        }
        return tol;
    }

    /**
     * Whether something scheduled as {@code s} that happened at {@code actual} was on time.
     * Returns empty when it was, else packetdrill's message:
     * {@code timing error: expected outbound packet at 0.100000 sec but happened at 0.120000 sec; tolerance 0.012500 sec}.
     */
    public static Optional<String> verify(Config c, TimeSpec time, Scheduled s, long actual, OptionalLong previous, String what) {
        if (time instanceof TimeSpec.Any) {
            return Optional.empty();
        }
        long tol = tolerance(c, s.start(), previous);
        if (time instanceof TimeSpec.AbsoluteRange || time instanceof TimeSpec.RelativeRange) {
            if (actual >= s.start() - tol && actual <= s.end() + tol) {
                return Optional.empty();
            }
            if (time instanceof TimeSpec.AbsoluteRange) {
                return Optional.of(String.format(Locale.ROOT, "timing error: expected %s in time range %s~%s sec but happened at %s sec",
                        what, secs(s.start()), secs(s.end()), secs(actual)));
            }
            return Optional.of(String.format(Locale.ROOT, "timing error: expected %s in relative time range +%s~+%s sec but happened at %s%s sec",
                    what, secs(s.start() - s.offset()), secs(s.end() - s.offset()), actual >= s.offset() ? "+" : "",
                    secs(actual - s.offset())));
        }
        if (actual >= s.start() - tol && actual <= s.start() + tol) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "timing error: expected %s at %s sec but happened at %s sec; tolerance %s sec",
                what, secs(s.start()), secs(actual), secs(tol)));
    }

    /**
     * Whether a blocking call returned on time: {@code end} from {@link #blockingEnd}, the
     * tolerance computed from the gap between the call's start and its end.
     */
    public static Optional<String> verifyBlockingReturn(Config c, Scheduled start, long end, long actual) {
        return verify(c, new TimeSpec.Absolute(end), new Scheduled(end, end, 0), actual, OptionalLong.of(start.start()),
                "system call return");
    }

    /**
     * Whether an outbound TCP timestamp value is close enough to the script's: always when
     * {@code tsTickUsecs} is 0; else |actual - script| (as a signed 32-bit difference) ticks must
     * span no more than the tolerance over {@code sinceStart}, the event's time since the script began.
     */
    public static boolean tsValOnTime(Config c, long scriptVal, long actualVal, long sinceStart) {
        if (c.tsTickUsecs() == 0) {
            return true;
        }
        long tol = tolerance(c, sinceStart, OptionalLong.of(0));
        long ticks = Math.abs((long) (int) (actualVal - scriptVal));
        return ticks * c.tsTickUsecs() <= tol;
    }

    /**
     * The checks packetdrill makes on a script's times before running it: the first event is at
     * time 0, and consecutive absolute times do not go backwards. Returns the first problem as
     * {@code line: message}.
     */
    public static Optional<String> checkScriptTimes(Script script) {
        List<Event> events = script.events();
        if (events.isEmpty()) {
            return Optional.empty();
        }
        Event first = events.getFirst();
        if (startUsecs(first.time()) != 0) {
            return Optional.of(first.line() + ": first event should be at time 0");
        }
        for (int i = 1; i < events.size(); i++) {
            TimeSpec a = events.get(i - 1).time();
            TimeSpec b = events.get(i).time();
            if (isAbsolute(a) && isAbsolute(b) && startUsecs(b) < startUsecs(a)) {
                return Optional.of(events.get(i).line() + ": time goes backward in script from " + startUsecs(a) + " usec to "
                        + startUsecs(b) + " usec");
            }
        }
        return Optional.empty();
    }

    private static boolean isAbsolute(TimeSpec t) {
        return t instanceof TimeSpec.Absolute || t instanceof TimeSpec.AbsoluteRange;
    }

    private static long startUsecs(TimeSpec t) {
        return switch (t) {
            case TimeSpec.Absolute a -> a.usecs();
            case TimeSpec.AbsoluteRange r -> r.startUsecs();
            case TimeSpec.Relative r -> r.usecs();
            case TimeSpec.RelativeRange r -> r.startUsecs();
            case TimeSpec.Any a -> 0;
        };
    }

    private static String secs(long usecs) {
        return String.format(Locale.ROOT, "%.6f", usecs / 1e6);
    }
}
