package dev.weir.tcp.cc;

import dev.weir.api.prog.CongestionControl;
import dev.weir.api.prog.TcpCa;
import dev.weir.core.Mib;
import dev.weir.core.Sysctls;
import dev.weir.route.Errno;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host's congestion-control algorithms by name, as Linux's tcp_cong.c keeps them: the list
 * {@code net.ipv4.tcp_available_congestion_control} shows (in registration order), the host
 * default {@code net.ipv4.tcp_congestion_control} new sockets get, and the subset unprivileged
 * sockets may select with {@code TCP_CONGESTION}, {@code net.ipv4.tcp_allowed_congestion_control}.
 *
 * <p>Built with {@link Reno} (always present, allowed to all) and {@link Cubic} (the default,
 * with this host's {@link Cubic.Params}) registered, as a Linux kernel with
 * {@code CONFIG_DEFAULT_TCP_CONG="cubic"} boots. Registration refuses what
 * {@code tcp_register_congestion_control} refuses, with its messages: an ops table missing a
 * required member ({@code "does not implement required ops"}, EINVAL) and a name already
 * registered (EEXIST); and, as the BPF struct_ops loader does, a bad name or unknown flags.
 *
 * <p>Sockets hold the {@link CongestionControl} they were given: unregistering or replacing an
 * algorithm affects only sockets that select one afterwards, as module references do in Linux.
 * Everything here runs on the host's simulation thread.
 */
public final class CongestionControlRegistry {
    /** The host default new sockets use. */
    public static final String SYSCTL_DEFAULT = "net.ipv4.tcp_congestion_control";
    /** Every registered algorithm, read-only. */
    public static final String SYSCTL_AVAILABLE = "net.ipv4.tcp_available_congestion_control";
    /** The algorithms unprivileged sockets may select. */
    public static final String SYSCTL_ALLOWED = "net.ipv4.tcp_allowed_congestion_control";

    /** Why a registration or selection was refused, with the errno Linux returns. */
    public static final class Refused extends IllegalArgumentException {
        private final int errno;

        Refused(int errno, String message) {
            super(message);
            this.errno = errno;
        }

        /** The errno (positive): {@link Errno#EINVAL}, {@link Errno#EEXIST}, {@link Errno#ENOENT}, {@link Errno#EPERM} or EBUSY (16). */
        public int errno() {
            return errno;
        }
    }

    private static final int EBUSY = 16;

    /** Algorithms in registration order, with their current flags (NON_RESTRICTED changes with the allowed list). */
    private final Map<String, CongestionControl> algorithms = new LinkedHashMap<>();
    private final Map<String, Integer> flags = new LinkedHashMap<>();
    private final Cubic.Params cubicParams;
    private CongestionControl defaultAlgorithm;

    /** A registry with reno and cubic, cubic the default, without sysctls (for tests of algorithms). */
    public CongestionControlRegistry(Cubic.Params cubicParams) {
        this.cubicParams = cubicParams;
        register(new Reno());
        register(cubicParams.newCubic());
        setDefault(Cubic.NAME);
    }

    /** The host's registry: reno and cubic, cubic the default, and the three sysctls registered on {@code sysctls}. */
    public CongestionControlRegistry(Sysctls sysctls) {
        this(new Cubic.Params());
        sysctls.registerHandled(SYSCTL_DEFAULT, this::defaultName, v -> sysctlWrite(SYSCTL_DEFAULT, () -> setDefault(v)),
                "congestion control for new sockets (one of tcp_available_congestion_control)");
        sysctls.registerHandled(SYSCTL_AVAILABLE, () -> String.join(" ", available()), null,
                "registered congestion control algorithms (read-only)");
        sysctls.registerHandled(SYSCTL_ALLOWED, () -> String.join(" ", allowed()), v -> sysctlWrite(SYSCTL_ALLOWED, () -> setAllowed(v)),
                "congestion control algorithms unprivileged sockets may select with TCP_CONGESTION");
    }

    private static void sysctlWrite(String key, Runnable write) {
        try {
            write.run();
        } catch (Refused r) {
            throw new IllegalArgumentException("sysctl: setting key \"" + key + "\": " + Errno.message(r.errno()) + " (" + r.getMessage() + ")");
        }
    }

    /** This host's CUBIC module parameters ({@code /sys/module/tcp_cubic/parameters}). */
    public Cubic.Params cubicParams() {
        return cubicParams;
    }

    /**
     * {@code tcp_register_congestion_control}: adds an algorithm at the end of the list. Its
     * {@link CongestionControl#flags()} are read now.
     *
     * @throws Refused EINVAL for a missing required member, a bad name or unknown flags; EEXIST
     *         when the name is taken
     */
    public void register(CongestionControl ca) {
        String name = validate(ca);
        if (algorithms.containsKey(name)) {
            throw new Refused(Errno.EEXIST, "TCP: " + name + " already registered or non-unique key (EEXIST: "
                    + algorithms.get(name).getClass().getName() + " holds the name)");
        }
        algorithms.put(name, ca);
        flags.put(name, ca.flags());
    }

    /**
     * {@code tcp_update_congestion_control}: replaces the registered algorithm of the same name
     * (a program reloaded in place), keeping its place in the list, its allowed state and, if
     * it is, its being the default.
     *
     * @throws Refused EINVAL when it is incomplete or no algorithm has that name
     */
    public void update(CongestionControl ca) {
        String name = validate(ca);
        CongestionControl old = algorithms.get(name);
        if (old == null) {
            throw new Refused(Errno.EINVAL, "TCP: " + name + " not registered or non-unique key (EINVAL: nothing to replace; registered: "
                    + String.join(" ", available()) + ")");
        }
        algorithms.put(name, ca);
        int nonRestricted = flags.get(name) & TcpCa.CONG_NON_RESTRICTED;
        flags.put(name, (ca.flags() & ~TcpCa.CONG_NON_RESTRICTED) | nonRestricted);
        if (defaultAlgorithm == old) {
            defaultAlgorithm = ca;
        }
    }

    /**
     * {@code tcp_unregister_congestion_control}: removes an algorithm; sockets using it keep it.
     *
     * @throws Refused ENOENT when absent; EBUSY for reno (built in) and for the host default
     *         (in use, as the default holds a module reference in Linux)
     */
    public void unregister(String name) {
        if (!algorithms.containsKey(name)) {
            throw new Refused(Errno.ENOENT, "TCP: no congestion control named '" + name + "' is registered (registered: "
                    + String.join(" ", available()) + ")");
        }
        if (name.equals(Reno.NAME)) {
            throw new Refused(EBUSY, "TCP: reno is built in and cannot be unregistered");
        }
        if (defaultAlgorithm == algorithms.get(name)) {
            throw new Refused(EBUSY, "TCP: " + name + " is in use as " + SYSCTL_DEFAULT + "; select another default first");
        }
        algorithms.remove(name);
        flags.remove(name);
    }

    private static String validate(CongestionControl ca) {
        String name = ca.name();
        if (name == null || name.isEmpty() || name.length() >= TcpCa.CA_NAME_MAX || !name.chars().allMatch(CongestionControlRegistry::nameChar)) {
            throw new Refused(Errno.EINVAL, "TCP: congestion control " + ca.getClass().getName() + " has name "
                    + (name == null ? "null" : "'" + name + "'") + "; a name is 1 to " + (TcpCa.CA_NAME_MAX - 1)
                    + " characters of [A-Za-z0-9_.] (EINVAL)");
        }
        String problem = CongestionControl.completenessProblem(ca.getClass());
        if (problem != null) {
            throw new Refused(Errno.EINVAL, "TCP: " + name + " does not implement required ops (EINVAL: " + problem + ")");
        }
        if ((ca.flags() & ~TcpCa.CONG_MASK) != 0) {
            throw new Refused(Errno.EINVAL, "TCP: " + name + " declares unknown flags 0x" + Integer.toHexString(ca.flags() & ~TcpCa.CONG_MASK)
                    + " (EINVAL: only TCP_CONG_NON_RESTRICTED 0x1 and TCP_CONG_NEEDS_ECN 0x2 exist)");
        }
        return name;
    }

    private static boolean nameChar(int c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.');
    }

    /** The algorithm registered under {@code name}, or null. */
    public CongestionControl find(String name) {
        return algorithms.get(name);
    }

    /** The host default ({@code tcp_congestion_control}): what new sockets get. */
    public CongestionControl defaultAlgorithm() {
        return defaultAlgorithm;
    }

    /** The name of the host default. */
    public String defaultName() {
        return defaultAlgorithm.name();
    }

    /**
     * {@code tcp_set_default_congestion_control}: makes {@code name} the host default. The
     * default is always allowed: it joins the allowed list.
     *
     * @throws Refused ENOENT when no algorithm has that name
     */
    public void setDefault(String name) {
        CongestionControl ca = algorithms.get(name);
        if (ca == null) {
            throw new Refused(Errno.ENOENT, "no congestion control named '" + name + "'; available: " + String.join(" ", available()));
        }
        defaultAlgorithm = ca;
        flags.put(name, flags.get(name) | TcpCa.CONG_NON_RESTRICTED);
    }

    /** The registered names in list order ({@code tcp_available_congestion_control}). */
    public List<String> available() {
        return List.copyOf(algorithms.keySet());
    }

    /** The names unprivileged sockets may select, in list order ({@code tcp_allowed_congestion_control}). */
    public List<String> allowed() {
        List<String> out = new ArrayList<>();
        flags.forEach((name, f) -> {
            if ((f & TcpCa.CONG_NON_RESTRICTED) != 0) {
                out.add(name);
            }
        });
        return out;
    }

    /**
     * {@code tcp_set_allowed_congestion_control}: the space-separated names become the allowed
     * set, replacing it (the default too loses its place unless listed). As Linux's
     * {@code strsep} loop, reading stops at the first empty word.
     *
     * @throws Refused ENOENT, leaving the set unchanged, when a name is not registered
     */
    public void setAllowed(String names) {
        List<String> wanted = new ArrayList<>();
        for (String word : names.split(" ", -1)) {
            if (word.isEmpty()) {
                break;
            }
            if (!algorithms.containsKey(word)) {
                throw new Refused(Errno.ENOENT, "no congestion control named '" + word + "'; available: " + String.join(" ", available()));
            }
            wanted.add(word);
        }
        flags.replaceAll((name, f) -> wanted.contains(name) ? f | TcpCa.CONG_NON_RESTRICTED : f & ~TcpCa.CONG_NON_RESTRICTED);
    }

    /** The algorithm's flags now: its own, with NON_RESTRICTED as the allowed list has it; 0 when absent. */
    public int flags(String name) {
        Integer f = flags.get(name);
        return f == null ? 0 : f;
    }

    /**
     * {@code setsockopt(TCP_CONGESTION)}'s checks ({@code tcp_set_congestion_control}): 0 when the
     * socket may switch to {@code name}; {@code -ENOENT} when no algorithm has that name;
     * {@code -EPERM} when it is not in the allowed list and the caller lacks CAP_NET_ADMIN.
     */
    public int checkSelect(String name, boolean capNetAdmin) {
        Integer f = flags.get(name);
        if (f == null) {
            return -Errno.ENOENT;
        }
        if ((f & TcpCa.CONG_NON_RESTRICTED) == 0 && !capNetAdmin) {
            return -Errno.EPERM;
        }
        return 0;
    }

    /**
     * The host counter behind an algorithm's {@code STAT_*} constant, for implementations of
     * {@link dev.weir.api.prog.TcpSock#netAddStats}; null for an unknown one (ignored).
     */
    public static Mib mib(int stat) {
        return switch (stat) {
            case TcpCa.STAT_HYSTART_TRAIN_DETECT -> Mib.TcpExtTCPHystartTrainDetect;
            case TcpCa.STAT_HYSTART_TRAIN_CWND -> Mib.TcpExtTCPHystartTrainCwnd;
            case TcpCa.STAT_HYSTART_DELAY_DETECT -> Mib.TcpExtTCPHystartDelayDetect;
            case TcpCa.STAT_HYSTART_DELAY_CWND -> Mib.TcpExtTCPHystartDelayCwnd;
            default -> null;
        };
    }
}
