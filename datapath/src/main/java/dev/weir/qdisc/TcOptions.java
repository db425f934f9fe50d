package dev.weir.qdisc;

import dev.weir.core.CommandException;
import dev.weir.core.NetDevice;
import java.util.ArrayList;
import java.util.List;

/**
 * The user-space half of {@code tc qdisc add|replace|change}: each kind's option parser as
 * iproute2 6.1's {@code q_*.c} implements it, with its messages word for word, its defaults
 * (what it sends and what it leaves to the kernel) and its unit conversions. The result is the
 * kind's {@code Options} record, or null when tc would send no options at all. Failures are
 * {@link CommandException}s carrying tc's text and exit status (1 for a parser's refusal, 255
 * for an incomplete command line).
 */
final class TcOptions {
    private TcOptions() {}

    /** iproute2's NEXT_ARG / argv cursor over the words after the kind. */
    private static final class Words {
        private final List<String> w;
        private int i;

        Words(List<String> w) {
            this.w = w;
        }

        boolean has() {
            return i < w.size();
        }

        String cur() {
            return w.get(i);
        }

        /** NEXT_ARG: the value after the current word, or tc's "not complete" error. */
        String next() {
            if (i + 1 >= w.size()) {
                throw new CommandException(255, "Command line is not complete. Try option \"help\"");
            }
            return w.get(++i);
        }

        /** NEXT_IS_NUMBER: the next word starts with a digit. */
        boolean nextIsNumber() {
            return i + 1 < w.size() && !w.get(i + 1).isEmpty() && Character.isDigit(w.get(i + 1).charAt(0));
        }

        boolean nextIsSignedNumber() {
            return nextIsNumber() || (i + 1 < w.size() && w.get(i + 1).startsWith("-"));
        }

        void advance() {
            i++;
        }
    }

    /** iproute2's {@code matches(arg, pattern)}: a non-empty prefix of the keyword. */
    static boolean matches(String arg, String keyword) {
        return !arg.isEmpty() && keyword.startsWith(arg);
    }

    static CommandException fail(String message) {
        return new CommandException(1, message);
    }

    /**
     * Parses {@code words} (the options after the kind) as tc would for {@code kind}. Kinds tc
     * has no parser for take no options ("Unknown qdisc ..."); pfifo_fast has a printer only.
     */
    static Object parse(String kind, List<String> words, NetDevice dev) {
        return switch (kind) {
            case "pfifo", "bfifo" -> parseFifo(kind, words);
            case "tbf" -> parseTbf(words);
            case "fq_codel" -> parseFqCodel(words);
            case "fq" -> parseFq(words);
            case "netem" -> parseNetem(words);
            case "pfifo_fast" -> {
                if (!words.isEmpty()) {
                    throw new CommandException(255, "qdisc 'pfifo_fast' does not support option parsing");
                }
                yield null;
            }
            default -> {
                if (!words.isEmpty()) {
                    throw fail("Unknown qdisc \"" + kind + "\", hence option \"" + words.get(0) + "\" is unparsable");
                }
                yield null;
            }
        };
    }

    // ---- pfifo, bfifo (q_fifo.c) ----

    static final String FIFO_USAGE = "Usage: ... <[p|b]fifo | pfifo_head_drop> [ limit NUMBER ]";

    private static Fifo.Options parseFifo(String kind, List<String> words) {
        Words a = new Words(words);
        Long limit = null;
        for (; a.has(); a.advance()) {
            String w = a.cur();
            if (w.equals("limit")) {
                String v = a.next();
                long l = TcUnits.parseSize(v);
                if (l < 0) {
                    throw fail(kind + ": Illegal value for \"limit\": \"" + v + "\"");
                }
                limit = l;
            } else if (w.equals("help")) {
                throw fail(FIFO_USAGE);
            } else {
                throw fail(kind + ": unknown parameter \"" + w + "\"\n" + FIFO_USAGE);
            }
        }
        return limit == null ? null : new Fifo.Options(limit);
    }

    // ---- tbf (q_tbf.c) ----

    static final String TBF_USAGE = "Usage: ... tbf limit BYTES burst BYTES[/BYTES] rate KBPS [ mtu BYTES[/BYTES] ]\n"
            + "\t[ peakrate KBPS ] [ latency TIME ] [ overhead BYTES ] [ linklayer TYPE ]";

    private static CommandException tbfIllegal(String what, String value) {
        return fail("tbf: illegal value for \"" + what + "\": \"" + value + "\"");
    }

    private static CommandException tbfDuplicate(String what) {
        return fail("tbf: duplicate \"" + what + "\" specification");
    }

    /** get_size_and_cell: a size with an optional "/cell" that must be a power of two; -1 if refused. */
    private static long sizeAndCell(String text) {
        int slash = text.indexOf('/');
        long size = TcUnits.parseSize(slash < 0 ? text : text.substring(0, slash));
        if (size < 0 || slash < 0) {
            return size;
        }
        long cell = TcUnits.parseU32(text.substring(slash + 1));
        return cell > 0 && Long.bitCount(cell) == 1 ? size : -1;
    }

    private static Tbf.Options parseTbf(List<String> words) {
        Words a = new Words(words);
        long limit = 0;
        long latency = 0;
        long buffer = 0;
        long mtu = 0;
        long rate = 0;
        long prate = 0;
        int overhead = 0;
        for (; a.has(); a.advance()) {
            String w = a.cur();
            if (matches(w, "limit")) {
                String v = a.next();
                if (limit != 0) {
                    throw fail("tbf: duplicate \"limit\" specification");
                }
                if (latency != 0) {
                    throw fail("tbf: specifying both \"latency\" and \"limit\" is not allowed");
                }
                limit = TcUnits.parseSize(v);
                if (limit < 0) {
                    throw tbfIllegal("limit", v);
                }
            } else if (matches(w, "latency")) {
                String v = a.next();
                if (latency != 0) {
                    throw fail("tbf: duplicate \"latency\" specification");
                }
                if (limit != 0) {
                    throw fail("tbf: specifying both \"limit\" and \"/latency\" is not allowed");
                }
                latency = TcUnits.parseTime(v);
                if (latency < 0) {
                    throw tbfIllegal("latency", v);
                }
            } else if (matches(w, "burst") || w.equals("buffer") || w.equals("maxburst")) {
                String v = a.next();
                if (buffer != 0) {
                    throw tbfDuplicate("buffer/burst/maxburst");
                }
                buffer = sizeAndCell(v);
                if (buffer < 0) {
                    throw tbfIllegal(w, v);
                }
            } else if (w.equals("mtu") || w.equals("minburst")) {
                String v = a.next();
                if (mtu != 0) {
                    throw tbfDuplicate("mtu/minburst");
                }
                mtu = sizeAndCell(v);
                if (mtu < 0) {
                    throw tbfIllegal(w, v);
                }
            } else if (w.equals("mpu")) {
                String v = a.next();
                if (TcUnits.parseSize(v) < 0) {
                    throw tbfIllegal("mpu", v);
                }
            } else if (w.equals("rate")) {
                String v = a.next();
                if (rate != 0) {
                    throw tbfDuplicate("rate");
                }
                rate = v.indexOf('%') >= 0 ? -1 : TcUnits.parseRate(v);
                if (rate < 0) {
                    throw tbfIllegal("rate", v);
                }
            } else if (matches(w, "peakrate")) {
                String v = a.next();
                if (prate != 0) {
                    throw tbfDuplicate("peakrate");
                }
                prate = v.indexOf('%') >= 0 ? -1 : TcUnits.parseRate(v);
                if (prate < 0) {
                    throw tbfIllegal("peakrate", v);
                }
            } else if (matches(w, "overhead")) {
                String v = a.next();
                if (overhead != 0) {
                    throw tbfDuplicate("overhead");
                }
                long o = TcUnits.parseU32(v);
                if (o < 0 || o > 0xffff) {
                    throw tbfIllegal("overhead", v);
                }
                overhead = (int) o;
            } else if (matches(w, "linklayer")) {
                String v = a.next();
                if (!matches(v, "ethernet")) {
                    // atm/adsl cell accounting is not modelled; tc itself refuses anything else.
                    throw tbfIllegal("linklayer", v);
                }
            } else if (w.equals("help")) {
                throw fail(TBF_USAGE);
            } else {
                throw fail("tbf: unknown parameter \"" + w + "\"\n" + TBF_USAGE);
            }
        }
        StringBuilder errors = new StringBuilder();
        if (rate == 0) {
            errors.append("tbf: the \"rate\" parameter is mandatory.\n");
        }
        if (buffer == 0) {
            errors.append("tbf: the \"burst\" parameter is mandatory.\n");
        }
        if (prate != 0 && mtu == 0) {
            errors.append("tbf: when \"peakrate\" is specified, \"mtu\" must also be specified.\n");
        }
        if (limit == 0 && latency == 0) {
            errors.append("tbf: either \"limit\" or \"latency\" is required.\n");
        }
        if (!errors.isEmpty()) {
            throw fail(errors + TBF_USAGE);
        }
        if (limit == 0) {
            double lim = rate * (double) latency / TcUnits.USEC_PER_SEC + buffer;
            if (prate != 0) {
                double lim2 = prate * (double) latency / TcUnits.USEC_PER_SEC + mtu;
                lim = Math.min(lim, lim2);
            }
            limit = TcUnits.toU32(lim);
        }
        return new Tbf.Options(limit, rate, buffer, prate, prate != 0 ? mtu : 0, overhead);
    }

    // ---- fq_codel (q_fq_codel.c) ----

    static final String FQ_CODEL_USAGE = "Usage: ... fq_codel\t[ limit PACKETS ] [ flows NUMBER ]\n"
            + "[ memory_limit BYTES ]\n"
            + "[ target TIME ] [ interval TIME ]\n"
            + "[ quantum BYTES ] [ [no]ecn ]\n"
            + "[ ce_threshold TIME ]\n"
            + "[ ce_threshold_selector VALUE/MASK ]\n"
            + "[ drop_batch SIZE ]";

    private static CommandException illegal(String what) {
        return fail("Illegal \"" + what + "\"");
    }

    /** get_unsigned(&v, text, 0): -1 when refused. */
    private static long unsigned(String text) {
        if (text.startsWith("-")) {
            return -1;
        }
        return TcUnits.parseU32(text);
    }

    private static FqCodel.Options parseFqCodel(List<String> words) {
        Words a = new Words(words);
        long limit = 0;
        long flows = 0;
        long quantum = 0;
        long target = 0;
        long interval = 0;
        long ceThreshold = 0xffff_ffffL;
        long memory = 0xffff_ffffL;
        long dropBatch = 0;
        int ecn = -1;
        int selector = -1;
        int mask = -1;
        for (; a.has(); a.advance()) {
            String w = a.cur();
            switch (w) {
                case "limit" -> limit = need(unsigned(a.next()), "limit");
                case "flows" -> flows = need(unsigned(a.next()), "flows");
                case "quantum" -> quantum = need(unsigned(a.next()), "quantum");
                case "drop_batch" -> dropBatch = need(unsigned(a.next()), "drop_batch");
                case "target" -> target = need(TcUnits.parseTime(a.next()), "target");
                case "ce_threshold" -> ceThreshold = need(TcUnits.parseTime(a.next()), "ce_threshold");
                case "ce_threshold_selector" -> {
                    String v = a.next();
                    int slash = v.indexOf('/');
                    if (slash < 0) {
                        throw fail("Missing mask for \"ce_threshold_selector\"");
                    }
                    long m = TcUnits.parseU32(v.substring(slash + 1));
                    if (m < 0 || m > 0xff) {
                        throw fail("Illegal mask for \"ce_threshold_selector\"");
                    }
                    long s = TcUnits.parseU32(v.substring(0, slash));
                    if (s < 0 || s > 0xff) {
                        throw fail("Illegal \"ce_threshold_selector\"");
                    }
                    selector = (int) s;
                    mask = (int) m;
                }
                case "memory_limit" -> memory = need(TcUnits.parseSize(a.next()), "memory_limit");
                case "interval" -> interval = need(TcUnits.parseTime(a.next()), "interval");
                case "ecn" -> ecn = 1;
                case "noecn" -> ecn = 0;
                case "help" -> throw fail(FQ_CODEL_USAGE);
                default -> throw fail("What is \"" + w + "\"?\n" + FQ_CODEL_USAGE);
            }
        }
        // tc leaves out every zero value (and the u32 "unset" markers): the kernel keeps its own.
        return new FqCodel.Options(limit != 0 ? limit : -1, flows != 0 ? flows : -1, quantum != 0 ? quantum : -1,
                target != 0 ? target : -1, interval != 0 ? interval : -1, ecn,
                ceThreshold != 0xffff_ffffL ? ceThreshold : -1, selector, mask,
                memory != 0xffff_ffffL ? memory : -1, dropBatch != 0 ? dropBatch : -1);
    }

    private static long need(long v, String what) {
        if (v < 0) {
            throw illegal(what);
        }
        return v;
    }

    // ---- fq (q_fq.c) ----

    static final String FQ_USAGE = "Usage: ... fq\t[ limit PACKETS ] [ flow_limit PACKETS ]\n"
            + "\t\t[ quantum BYTES ] [ initial_quantum BYTES ]\n"
            + "\t\t[ maxrate RATE  ] [ buckets NUMBER ]\n"
            + "\t\t[ [no]pacing ] [ refill_delay TIME ]\n"
            + "\t\t[ low_rate_threshold RATE ]\n"
            + "\t\t[ orphan_mask MASK]\n"
            + "\t\t[ timer_slack TIME]\n"
            + "\t\t[ ce_threshold TIME ]\n"
            + "\t\t[ horizon TIME ]\n"
            + "\t\t[ horizon_{cap|drop} ]";

    private static Fq.Options parseFq(List<String> words) {
        Words a = new Words(words);
        long limit = -1;
        long flowLimit = -1;
        long quantum = -1;
        long initialQuantum = -1;
        long maxrate = -1;
        long bucketsLog = -1;
        int pacing = -1;
        long refillDelay = -1;
        long lowRate = -1;
        long orphanMask = -1;
        long ceThreshold = -1;
        long timerSlack = -1;
        long horizon = -1;
        int horizonDrop = -1;
        for (; a.has(); a.advance()) {
            String w = a.cur();
            switch (w) {
                case "limit" -> limit = need(unsigned(a.next()), "limit");
                case "flow_limit" -> flowLimit = need(unsigned(a.next()), "flow_limit");
                case "buckets" -> {
                    long b = need(unsigned(a.next()), "buckets");
                    bucketsLog = b == 0 ? 0 : 63 - Long.numberOfLeadingZeros(b);
                }
                case "maxrate" -> maxrate = need(rateU32(a.next()), "maxrate");
                case "defrate" -> need(rateU32(a.next()), "defrate");
                case "quantum" -> quantum = need(unsigned(a.next()), "quantum");
                case "initial_quantum" -> initialQuantum = need(unsigned(a.next()), "initial_quantum");
                case "orphan_mask" -> orphanMask = need(unsigned(a.next()), "orphan_mask");
                case "refill_delay" -> refillDelay = need(TcUnits.parseTime(a.next()), "refill_delay");
                case "low_rate_threshold" -> lowRate = need(rateU32(a.next()), "low_rate_threshold");
                case "ce_threshold" -> ceThreshold = need(TcUnits.parseTime(a.next()), "ce_threshold");
                case "timer_slack" -> {
                    long t = TcUnits.parseTime64(a.next());
                    if (t < 0 || t > 0xffff_ffffL) {
                        throw illegal("timer_slack");
                    }
                    timerSlack = t;
                }
                case "horizon" -> horizon = need(TcUnits.parseTime(a.next()), "horizon");
                case "horizon_drop" -> horizonDrop = 1;
                case "horizon_cap" -> horizonDrop = 0;
                case "pacing" -> pacing = 1;
                case "nopacing" -> pacing = 0;
                case "help" -> throw fail(FQ_USAGE);
                default -> throw fail("What is \"" + w + "\"?\n" + FQ_USAGE);
            }
        }
        return new Fq.Options(limit, flowLimit, quantum, initialQuantum, maxrate, bucketsLog, pacing, refillDelay,
                lowRate, orphanMask, ceThreshold, timerSlack, horizon, horizonDrop);
    }

    /** get_rate into a u32 of bytes per second: -1 when refused or too large. */
    private static long rateU32(String text) {
        long r = text.indexOf('%') >= 0 ? -1 : TcUnits.parseRate(text);
        return r > 0xffff_ffffL ? -1 : r;
    }

    // ---- netem (q_netem.c) ----

    static final String NETEM_USAGE = "Usage: ... netem [ limit PACKETS ]\n"
            + "                 [ delay TIME [ JITTER [CORRELATION]]]\n"
            + "                 [ distribution {uniform|normal|pareto|paretonormal} ]\n"
            + "                 [ corrupt PERCENT [CORRELATION]]\n"
            + "                 [ duplicate PERCENT [CORRELATION]]\n"
            + "                 [ loss random PERCENT [CORRELATION]]\n"
            + "                 [ loss state P13 [P31 [P32 [P23 P14]]]\n"
            + "                 [ loss gemodel PERCENT [R [1-H [1-K]]]\n"
            + "                 [ ecn ]\n"
            + "                 [ reorder PERCENT [CORRELATION] [ gap DISTANCE ]]\n"
            + "                 [ rate RATE [PACKETOVERHEAD] [CELLSIZE] [CELLOVERHEAD]]\n"
            + "                 [ slot MIN_DELAY [MAX_DELAY] [packets MAX_PACKETS] [bytes MAX_BYTES]]\n"
            + "                 [ slot distribution {uniform|normal|pareto|paretonormal|custom}\n"
            + "                   DELAY JITTER [packets MAX_PACKETS] [bytes MAX_BYTES]]";

    /** What netem gets when it is created with no options at all: Linux refuses (netem_init needs them). */
    static Netem.Options netemDefaults() {
        throw new CommandException(2, "RTNETLINK answers: Invalid argument");
    }

    /** get_ticks: a time to psched ticks; -1 when refused (with tc's "too large" note when it overflows). */
    private static long ticks(String text, List<String> notes) {
        long us = TcUnits.parseTime(text);
        if (us < 0) {
            return -1;
        }
        if (((long) (us * TcUnits.TICKS_PER_USEC) >>> 32) != 0) {
            notes.add("Illegal " + us + " time (too large)");
            return -1;
        }
        return TcUnits.time2tick(us);
    }

    /** get_percent: the u32 scale of a percentage; -1 when refused. */
    private static long percent(String text) {
        double p = TcUnits.parsePercent(text);
        return Double.isNaN(p) ? -1 : TcUnits.percentToU32(p);
    }

    private static long netemNeed(long v, String what, List<String> notes) {
        if (v < 0) {
            notes.add("Illegal \"" + what + "\"");
            throw fail(String.join("\n", notes));
        }
        return v;
    }

    private static Netem.Options parseNetem(List<String> words) {
        Words a = new Words(words);
        List<String> notes = new ArrayList<>();
        long limit = 1000;
        long latency = 0;
        long jitter = 0;
        long delayCorr = 0;
        long loss = 0;
        long lossCorr = 0;
        long duplicate = 0;
        long dupCorr = 0;
        long reorder = 0;
        long reorderCorr = 0;
        boolean reorderPresent = false;
        long gap = 0;
        long corrupt = 0;
        long corruptCorr = 0;
        boolean corruptPresent = false;
        long rate = -1;
        int packetOverhead = 0;
        long cellSize = 0;
        int cellOverhead = 0;
        boolean ecn = false;
        boolean normal = false;
        boolean distribution = false;
        int lossModel = Netem.Options.LOSS_RANDOM;
        long[] lossParams = new long[5];
        for (; a.has(); a.advance()) {
            String w = a.cur();
            if (matches(w, "limit")) {
                limit = netemNeed(TcUnits.parseSize(a.next()), "limit", notes);
            } else if (matches(w, "latency") || matches(w, "delay")) {
                latency = netemNeed(ticks(a.next(), notes), "latency", notes);
                if (a.nextIsNumber()) {
                    jitter = netemNeed(ticks(a.next(), notes), "latency", notes);
                    if (a.nextIsNumber()) {
                        delayCorr = netemNeed(percent(a.next()), "latency", notes);
                    }
                }
            } else if (matches(w, "loss") || matches(w, "drop")) {
                if (loss > 0 || lossModel != Netem.Options.LOSS_RANDOM) {
                    throw illegal("duplicate loss argument\n");
                }
                String v = a.next();
                boolean random = !v.isEmpty() && Character.isDigit(v.charAt(0));
                if (!random && v.equals("random")) {
                    v = a.next();
                    random = true;
                }
                if (random) {
                    loss = netemNeed(percent(v), "loss percent", notes);
                    if (a.nextIsNumber()) {
                        lossCorr = netemNeed(percent(a.next()), "loss correllation", notes);
                    }
                } else if (v.equals("state")) {
                    double p13 = TcUnits.parsePercent(a.next());
                    if (Double.isNaN(p13)) {
                        throw illegal("loss p13");
                    }
                    lossModel = Netem.Options.LOSS_STATE;
                    lossParams = new long[] {TcUnits.percentToU32(p13), TcUnits.percentToU32(1 - p13), 0,
                        TcUnits.percentToU32(1), 0};
                    String[] names = {"loss p31", "loss p32", "loss p23", "loss p14"};
                    for (int k = 0; k < names.length && a.nextIsNumber(); k++) {
                        lossParams[k + 1] = netemNeed(percent(a.next()), names[k], notes);
                    }
                } else if (v.equals("gemodel")) {
                    double p = TcUnits.parsePercent(a.next());
                    if (Double.isNaN(p)) {
                        throw illegal("loss gemodel p");
                    }
                    lossModel = Netem.Options.LOSS_GEMODEL;
                    lossParams = new long[] {TcUnits.percentToU32(p), TcUnits.percentToU32(1 - p), 0, 0, 0};
                    if (a.nextIsNumber()) {
                        lossParams[1] = netemNeed(percent(a.next()), "loss gemodel r", notes);
                        if (a.nextIsNumber()) {
                            // The option is 1-h; the kernel keeps h.
                            lossParams[2] = 0xffff_ffffL - netemNeed(percent(a.next()), "loss gemodel h", notes);
                            if (a.nextIsNumber()) {
                                lossParams[3] = netemNeed(percent(a.next()), "loss gemodel k", notes);
                            }
                        }
                    }
                } else {
                    throw fail("Unknown loss parameter: " + v);
                }
            } else if (matches(w, "ecn")) {
                ecn = true;
            } else if (matches(w, "reorder")) {
                reorderPresent = true;
                reorder = netemNeed(percent(a.next()), "reorder", notes);
                if (a.nextIsNumber()) {
                    reorderCorr = netemNeed(percent(a.next()), "reorder", notes);
                }
            } else if (matches(w, "corrupt")) {
                corruptPresent = true;
                corrupt = netemNeed(percent(a.next()), "corrupt", notes);
                if (a.nextIsNumber()) {
                    corruptCorr = netemNeed(percent(a.next()), "corrupt", notes);
                }
            } else if (matches(w, "gap")) {
                gap = netemNeed(TcUnits.parseU32(a.next()), "gap", notes);
            } else if (matches(w, "duplicate")) {
                duplicate = netemNeed(percent(a.next()), "duplicate", notes);
                if (a.nextIsNumber()) {
                    dupCorr = netemNeed(percent(a.next()), "duplicate", notes);
                }
            } else if (matches(w, "distribution")) {
                String d = a.next();
                distribution = true;
                if (d.equals("normal")) {
                    normal = true;
                } else if (!d.equals("uniform")) {
                    throw fail("No distribution data for " + d + " (/usr/lib/tc//" + d + ".dist: No such file or directory)");
                }
            } else if (matches(w, "rate")) {
                String v = a.next();
                rate = netemNeed(v.indexOf('%') >= 0 ? -1 : TcUnits.parseRate(v), "rate", notes);
                if (a.nextIsSignedNumber()) {
                    packetOverhead = (int) netemNeed(s32(a.next()), "rate", notes);
                }
                if (a.nextIsNumber()) {
                    cellSize = netemNeed(TcUnits.parseU32(a.next()), "rate", notes);
                }
                if (a.nextIsSignedNumber()) {
                    cellOverhead = (int) netemNeed(s32(a.next()), "rate", notes);
                }
            } else if (matches(w, "slot")) {
                throw new CommandException(2, "Error: Weir's netem does not model \"slot\" (use rate, delay and jitter).");
            } else if (w.equals("help")) {
                throw fail(NETEM_USAGE);
            } else {
                throw fail("What is \"" + w + "\"?\n" + NETEM_USAGE);
            }
        }
        if (reorder != 0) {
            if (latency == 0) {
                throw fail("reordering not possible without specifying some delay\n" + NETEM_USAGE);
            }
            if (gap == 0) {
                gap = 1;
            }
        } else if (gap > 0) {
            throw fail("gap specified without reorder probability\n" + NETEM_USAGE);
        }
        if (ecn && loss <= 0 && lossModel == Netem.Options.LOSS_RANDOM) {
            throw fail("ecn requested without loss model\n" + NETEM_USAGE);
        }
        if (distribution && normal && (latency == 0 || jitter == 0)) {
            throw fail("distribution specified but no latency and jitter values\n" + NETEM_USAGE);
        }
        return new Netem.Options(limit, latency, jitter, delayCorr, loss, lossCorr, duplicate, dupCorr,
                reorderPresent ? reorder : -1, reorderCorr, gap, corruptPresent ? corrupt : -1, corruptCorr,
                rate, packetOverhead, cellSize, cellOverhead, ecn, lossModel, lossParams, normal);
    }

    /** get_s32 base 0; Long.MIN_VALUE-free: returns -1 only for text it refuses (a real -1 is fine here as overhead). */
    private static long s32(String text) {
        try {
            long v = Long.decode(text);
            return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? -1 : v & 0xffff_ffffL;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
