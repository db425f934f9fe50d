package dev.weir.qdisc;

import dev.weir.core.Args;
import dev.weir.core.CommandException;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.Qdisc;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tc} command of one host, {@code qdisc} object: {@code add}, {@code replace},
 * {@code change}, {@code link}, {@code del} and {@code show} with iproute2's syntax, and what
 * Linux answers, word for word (checked against tc 6.1 on Linux 6.18 by {@code TcGoldenTest}).
 *
 * <pre>
 *   tc [-s] qdisc { add | replace | change | link | del } dev DEV [ root | parent H:M ] [ handle H: ] [ KIND [ OPTIONS ] ]
 *   tc [-s] qdisc [ show ] [ dev DEV ] [ root | handle H: | parent H:M ] [ invisible ]
 * </pre>
 *
 * <p>The decisions follow the kernel's {@code tc_modify_qdisc} (which qdisc a request names,
 * when it is a change, a graft or an error) and {@code tc_get_qdisc} (delete), and tc's own
 * checks come first, as in the real tool. Output goes to {@code out}; a failure is a
 * {@link CommandException} whose message is what tc prints on stderr and whose exit code is
 * tc's: 1 for tc's own refusals, 2 for the kernel's, 255 for a malformed command line.
 */
public final class Tc {
    private static final int NLM_F_REPLACE = 0x100;
    private static final int NLM_F_EXCL = 0x200;
    private static final int NLM_F_CREATE = 0x400;

    static final String QDISC_USAGE = """
            Usage: tc qdisc [ add | del | replace | change | show ] dev STRING
                   [ handle QHANDLE ] [ root | ingress | clsact | parent CLASSID ]
                   [ estimator INTERVAL TIME_CONSTANT ]
                   [ stab [ help | STAB_OPTIONS] ]
                   [ ingress_block BLOCK_INDEX ] [ egress_block BLOCK_INDEX ]
                   [ [ QDISC_KIND ] [ help | OPTIONS ] ]

                   tc qdisc { show | list } [ dev STRING ] [ QDISC_ID ] [ invisible ]
            Where:
            QDISC_KIND := { [p|b]fifo | tbf | prio | cbq | red | etc. }
            OPTIONS := ... try tc qdisc add <desired QDISC_KIND> help
            STAB_OPTIONS := ... try tc qdisc add stab help
            QDISC_ID := { root | ingress | handle QHANDLE | parent CLASSID }""";

    private final NetNs ns;

    public Tc(NetNs ns) {
        this.ns = ns;
        Qdiscs.registerSysctls(ns);
    }

    /**
     * Runs one {@code tc} command ({@code args} holds the words after "tc") and returns its exit
     * status, 0; a failure throws {@link CommandException} with tc's message and status.
     */
    public int run(Args args, PrintWriter out) {
        List<String> w = args.rest();
        int i = 0;
        boolean stats = false;
        while (i < w.size() && w.get(i).startsWith("-")) {
            String opt = w.get(i);
            if (TcOptions.matches(opt, "-stats") || TcOptions.matches(opt, "-statistics")) {
                stats = true;
            } else if (!(TcOptions.matches(opt, "-details") || TcOptions.matches(opt, "-raw"))) {
                throw new CommandException(255, "Option \"" + opt + "\" is unknown, try \"tc -help\".");
            }
            i++;
        }
        if (i >= w.size()) {
            throw new CommandException(255, "Usage: tc [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { qdisc }");
        }
        String object = w.get(i++);
        if (!TcOptions.matches(object, "qdisc")) {
            throw new CommandException(255, "Object \"" + object + "\" is unknown, try \"tc help\"."
                    + " (Weir's tc knows \"qdisc\" only.)");
        }
        List<String> rest = w.subList(i, w.size());
        if (rest.isEmpty()) {
            list(rest, stats, out);
            return 0;
        }
        String cmd = rest.get(0);
        List<String> words = rest.subList(1, rest.size());
        if (TcOptions.matches(cmd, "add")) {
            modify(words, NLM_F_EXCL | NLM_F_CREATE, false);
        } else if (TcOptions.matches(cmd, "change")) {
            modify(words, 0, false);
        } else if (TcOptions.matches(cmd, "replace")) {
            modify(words, NLM_F_CREATE | NLM_F_REPLACE, false);
        } else if (TcOptions.matches(cmd, "link")) {
            modify(words, NLM_F_REPLACE, false);
        } else if (TcOptions.matches(cmd, "delete")) {
            modify(words, 0, true);
        } else if (TcOptions.matches(cmd, "show") || TcOptions.matches(cmd, "list") || TcOptions.matches(cmd, "lst")) {
            list(words, stats, out);
        } else if (TcOptions.matches(cmd, "help")) {
            out.println(QDISC_USAGE);
        } else {
            throw new CommandException(255, "Command \"" + cmd + "\" is unknown, try \"tc qdisc help\".");
        }
        out.flush();
        return 0;
    }

    // ---- add / replace / change / link / del ----

    private static CommandException invarg(String msg, String arg) {
        return new CommandException(255, "Error: argument \"" + arg + "\" is wrong: " + msg);
    }

    private static CommandException duparg(String key, String arg) {
        return new CommandException(255, "Error: duplicate \"" + key + "\": \"" + arg + "\" is the second value.");
    }

    private static CommandException kernel(String msg) {
        return new CommandException(2, "Error: " + msg + ".");
    }

    private static String nextArg(List<String> w, int i) {
        if (i + 1 >= w.size()) {
            throw new CommandException(255, "Command line is not complete. Try option \"help\"");
        }
        return w.get(i + 1);
    }

    private void modify(List<String> w, int flags, boolean delete) {
        String devName = null;
        int handle = 0;
        int parent = 0;
        String kind = null;
        int i = 0;
        for (; i < w.size(); i++) {
            String a = w.get(i);
            if (a.equals("dev")) {
                String v = nextArg(w, i++);
                if (devName != null) {
                    throw duparg("dev", v);
                }
                devName = v;
            } else if (a.equals("handle")) {
                if (handle != 0) {
                    throw duparg("handle", a);
                }
                String v = nextArg(w, i++);
                long h = Handles.parseQdiscHandle(v);
                if (h < 0) {
                    throw invarg("invalid qdisc ID", v);
                }
                handle = (int) h;
            } else if (a.equals("root")) {
                if (parent != 0) {
                    throw new CommandException(255, "Error: \"root\" is duplicate parent ID");
                }
                parent = Handles.TC_H_ROOT;
            } else if (a.equals("parent")) {
                String v = nextArg(w, i++);
                if (parent != 0) {
                    throw duparg("parent", v);
                }
                long h = Handles.parseClassid(v);
                if (h < 0) {
                    throw invarg("invalid parent ID", v);
                }
                parent = (int) h;
            } else if (TcOptions.matches(a, "estimator")) {
                // Rate estimators are not modelled; tc's syntax takes two values.
                nextArg(w, i++);
                nextArg(w, i++);
            } else if (TcOptions.matches(a, "help")) {
                throw new CommandException(255, QDISC_USAGE);
            } else {
                kind = a;
                i++;
                break;
            }
        }
        List<String> optWords = w.subList(Math.min(i, w.size()), w.size());
        Object opts = null;
        if (kind != null) {
            opts = TcOptions.parse(kind, new ArrayList<>(optWords), null);
        }
        if (devName == null) {
            throw new CommandException(2, "RTNETLINK answers: No such device");
        }
        NetDevice dev = ns.device(devName);
        if (dev == null) {
            throw new CommandException(1, "Cannot find device \"" + devName + "\"");
        }
        if (dev.rootQdisc() == null) {
            Qdiscs.createDefault(dev);
        }
        if (delete) {
            delete(dev, parent, handle, kind);
        } else {
            modifyQdisc(dev, flags, parent, handle, kind, opts);
        }
    }

    /** __tc_get_qdisc for RTM_DELQDISC. */
    private void delete(NetDevice dev, int clid, int handle, String kind) {
        BaseQdisc q;
        BaseQdisc p = null;
        if (clid != 0) {
            if (clid != Handles.TC_H_ROOT) {
                p = lookup(dev, Handles.major(clid));
                if (p == null) {
                    throw kernel("Failed to find qdisc with specified classid");
                }
                q = p.leaf(Handles.minor(clid));
            } else {
                q = (BaseQdisc) dev.rootQdisc();
            }
            if (q == null) {
                throw kernel("Cannot find specified qdisc on specified device");
            }
            if (handle != 0 && q.handle() != handle) {
                throw kernel("Invalid handle");
            }
        } else {
            q = lookup(dev, handle);
            if (q == null) {
                throw kernel("Failed to find qdisc with specified handle");
            }
        }
        if (kind != null && !kind.equals(q.kind())) {
            throw kernel("Invalid qdisc name: must match existing qdisc");
        }
        if (clid == 0) {
            throw kernel("Classid cannot be zero");
        }
        if (q.handle() == 0) {
            throw kernel("Cannot delete qdisc with handle of zero");
        }
        graft(dev, p, clid, null);
    }

    /** __tc_modify_qdisc. */
    private void modifyQdisc(NetDevice dev, int flags, int clid, int handle, String kind, Object opts) {
        BaseQdisc q = null;
        BaseQdisc p = null;
        boolean create = false;
        boolean needCreateFlag = true;
        if (clid != 0) {
            if (clid != Handles.TC_H_ROOT) {
                p = lookup(dev, Handles.major(clid));
                if (p == null) {
                    throw kernel("Failed to find specified qdisc");
                }
                q = p.leaf(Handles.minor(clid));
            } else {
                q = (BaseQdisc) dev.rootQdisc();
            }
            if (q != null && (q.handle() == 0 || q instanceof Noop)) {
                q = null;   // a default qdisc: ignore it
            }
            if (q == null || handle == 0 || q.handle() != handle) {
                if (handle != 0) {
                    if (q != null && (flags & NLM_F_REPLACE) == 0) {
                        throw kernel("NLM_F_REPLACE needed to override");
                    }
                    if (Handles.minor(handle) != 0) {
                        throw kernel("Invalid minor handle");
                    }
                    q = lookup(dev, handle);
                    if (q == null) {
                        create = true;
                    } else {
                        if (q.parent() != clid) {
                            throw kernel("Cannot move an existing qdisc to a different parent");
                        }
                        if ((flags & NLM_F_EXCL) != 0) {
                            throw kernel("Exclusivity flag on, cannot override");
                        }
                        if (kind != null && !kind.equals(q.kind())) {
                            throw kernel("Invalid qdisc name: must match existing qdisc");
                        }
                        if (q == p) {
                            throw kernel("Qdisc parent/child loop detected");
                        }
                        return;   // grafting it where it already is changes nothing
                    }
                } else {
                    if (q == null) {
                        create = true;
                    } else if (kind != null && !kind.equals(q.kind())) {
                        boolean createOrReplace = (flags & NLM_F_CREATE) != 0 && (flags & NLM_F_REPLACE) != 0;
                        boolean createExclusive = (flags & NLM_F_CREATE) != 0 && (flags & NLM_F_EXCL) != 0;
                        boolean change = (flags & (NLM_F_CREATE | NLM_F_REPLACE | NLM_F_EXCL)) == 0;
                        if (createOrReplace || createExclusive) {
                            create = true;
                        } else if (change) {
                            create = true;
                            needCreateFlag = false;
                        }
                    }
                }
            }
        } else {
            if (handle == 0) {
                throw kernel("Handle cannot be zero");
            }
            q = lookup(dev, handle);
        }
        if (!create) {
            if (q == null) {
                throw kernel("Specified qdisc not found");
            }
            if ((flags & NLM_F_EXCL) != 0) {
                throw kernel("Exclusivity flag on, cannot modify");
            }
            if (kind != null && !kind.equals(q.kind())) {
                throw kernel("Invalid qdisc name: must match existing qdisc");
            }
            if (opts != null) {
                q.change(opts);
            }
            return;
        }
        if (needCreateFlag && (flags & NLM_F_CREATE) == 0) {
            throw kernel("Qdisc not found. To create specify NLM_F_CREATE flag");
        }
        if (kind == null) {
            throw kernel("Specified qdisc kind is unknown");
        }
        if (!Qdiscs.KINDS.contains(kind)) {
            throw kernel("Specified qdisc kind is unknown");
        }
        if (dev.isNoQueue() && dev.txQueueLen() == 0) {
            dev.setTxQueueLen(1000);   // Linux: "Caught tx_queue_len zero misconfig"
        }
        int h = handle != 0 ? handle : allocHandle(dev);
        BaseQdisc created = Qdiscs.instantiate(kind, dev, opts, h, clid);
        if (clid != Handles.TC_H_ROOT) {
            Qdiscs.hashAdd(dev, created);
        }
        try {
            graft(dev, p, clid, created);
        } catch (CommandException e) {
            Qdiscs.destroyTree(dev, created);
            throw e;
        }
    }

    /** qdisc_graft: at the root, or under class {@code clid} of {@code parent}. */
    private void graft(NetDevice dev, BaseQdisc parent, int clid, BaseQdisc q) {
        if (parent == null) {
            Qdiscs.graftRoot(dev, q);
            return;
        }
        if (q instanceof NoQueue) {
            throw kernel("Cannot assign noqueue to a class");
        }
        parent.graft(Handles.minor(clid), q);
        if (q != null && parent.txq() != null) {
            q.attach(parent.txq());
        }
    }

    /** qdisc_alloc_handle: the next free automatic handle (8001:, 8002:, ...). */
    private int allocHandle(NetDevice dev) {
        for (int tries = 0x8000; tries > 0; tries--) {
            int h = ns.nextQdiscAutohandle();
            if (lookup(dev, h) == null) {
                return h;
            }
        }
        throw kernel("Maximum number of qdisc handles was exceeded");
    }

    /** qdisc_lookup: the root or a listed qdisc with this handle; null for handle 0. */
    static BaseQdisc lookup(NetDevice dev, int handle) {
        if (handle == 0) {
            return null;
        }
        Qdisc root = dev.rootQdisc();
        if (root instanceof BaseQdisc b && !(root instanceof Noop) && root.handle() == handle) {
            return b;
        }
        for (Qdisc q : dumpOrder(dev)) {
            if (q.handle() == handle) {
                return (BaseQdisc) q;
            }
        }
        return null;
    }

    /** The device's listed qdiscs in the order Linux's hash table yields them: by bucket, newest first within one. */
    static List<Qdisc> dumpOrder(NetDevice dev) {
        List<Qdisc> hash = dev.qdiscHash();
        List<Qdisc> out = new ArrayList<>(hash.size());
        for (int b = 0; b < 16; b++) {
            for (int k = hash.size() - 1; k >= 0; k--) {
                if (Handles.bucket(hash.get(k).handle()) == b) {
                    out.add(hash.get(k));
                }
            }
        }
        return out;
    }

    // ---- show ----

    private void list(List<String> w, boolean stats, PrintWriter out) {
        String devName = null;
        int filterParent = 0;
        int filterQdisc = 0;
        boolean invisible = false;
        for (int i = 0; i < w.size(); i++) {
            String a = w.get(i);
            if (a.equals("dev")) {
                devName = nextArg(w, i++);
            } else if (a.equals("root")) {
                onlyOneFilter(filterParent, filterQdisc, a);
                filterParent = Handles.TC_H_ROOT;
            } else if (a.equals("parent")) {
                String v = nextArg(w, i++);
                onlyOneFilter(filterParent, filterQdisc, v);
                long h = Handles.parseClassid(v);
                if (h < 0) {
                    throw invarg("invalid parent ID", v);
                }
                filterParent = (int) h;
            } else if (TcOptions.matches(a, "handle")) {
                String v = nextArg(w, i++);
                onlyOneFilter(filterParent, filterQdisc, v);
                long h = Handles.parseQdiscHandle(v);
                if (h < 0) {
                    throw invarg("invalid handle ID", v);
                }
                filterQdisc = (int) h;
            } else if (TcOptions.matches(a, "help")) {
                throw new CommandException(255, QDISC_USAGE);
            } else if (a.equals("invisible")) {
                invisible = true;
            } else {
                throw new CommandException(255, "What is \"" + a + "\"? Try \"tc qdisc help\".");
            }
        }
        List<NetDevice> devices;
        if (devName != null) {
            NetDevice d = ns.device(devName);
            if (d == null) {
                throw new CommandException(1, "Cannot find device \"" + devName + "\"");
            }
            devices = List.of(d);
        } else {
            devices = ns.devices();
        }
        StringBuilder sb = new StringBuilder();
        for (NetDevice dev : devices) {
            if (dev.rootQdisc() == null) {
                Qdiscs.createDefault(dev);
            }
            List<Qdisc> qs = new ArrayList<>();
            qs.add(dev.rootQdisc());
            qs.addAll(dumpOrder(dev));
            for (Qdisc q : qs) {
                BaseQdisc b = (BaseQdisc) q;
                if (b instanceof Noop || (b.invisible && !invisible)) {
                    continue;
                }
                if (filterQdisc != 0 && Handles.major(b.handle() ^ filterQdisc) != 0) {
                    continue;
                }
                if (filterParent != 0 && filterParent != b.parent()) {
                    continue;
                }
                describe(sb, dev, b, devName == null, stats);
            }
        }
        out.print(sb);
        out.flush();
    }

    /** tc qdisc show takes one of root, parent and handle. */
    private static void onlyOneFilter(int filterParent, int filterQdisc, String arg) {
        if (filterParent != 0) {
            throw invarg("parent is already specified", arg);
        } else if (filterQdisc != 0) {
            throw invarg("handle is already specified", arg);
        }
    }

    /** One qdisc as {@code tc [-s] qdisc show} prints it. */
    static void describe(StringBuilder sb, NetDevice dev, BaseQdisc q, boolean withDev, boolean stats) {
        sb.append("qdisc ").append(q.kind()).append(' ').append(Handles.format(q.handle())).append(' ');
        if (withDev) {
            sb.append("dev ").append(dev.name()).append(' ');
        }
        if (q.parent() == Handles.TC_H_ROOT) {
            sb.append("root ");
        } else if (q.parent() != 0) {
            sb.append("parent ").append(Handles.formatClassid(q.parent())).append(' ');
        }
        int refcnt = refcnt(dev, q);
        if (refcnt != 1) {
            sb.append("refcnt ").append(refcnt).append(' ');
        }
        sb.append(q.describeParameters()).append('\n');
        if (stats) {
            q.refreshStats();
            sb.append(" Sent ").append(q.bytes).append(" bytes ").append(q.packets).append(" pkt");
            sb.append(" (dropped ").append(q.drops).append(", overlimits ").append(q.overlimits);
            sb.append(" requeues ").append(q.requeues).append(") \n");
            sb.append(" backlog ").append(TcUnits.size(q.backlog)).append(' ').append(q.qlen).append('p');
            sb.append(" requeues ").append(q.requeues).append('\n');
            String extra = q.describeExtraStats();
            if (!extra.isEmpty()) {
                sb.append(extra).append('\n');
            }
        }
    }

    /** What Linux's refcount shows: a root counts once per queue it sits on plus the device's own reference. */
    static int refcnt(NetDevice dev, Qdisc q) {
        if (q != dev.rootQdisc() || q instanceof Mq) {
            return 1;
        }
        int n = 1;
        for (int i = 0; i < dev.numTxQueues(); i++) {
            if (dev.txQueue(i).qdisc() == q) {
                n++;
            }
        }
        return n;
    }
}
