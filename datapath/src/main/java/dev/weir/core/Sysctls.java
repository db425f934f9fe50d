package dev.weir.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * A host's sysctls under Linux's names ({@code net.core.netdev_budget},
 * {@code net.ipv4.conf.eth0.rp_filter}, ...). Each stage registers the knobs it reads when the
 * host is built, with Linux's default and allowed range; the {@code sysctl} command and topology
 * files set them by name. Stages keep the {@link Value} handle and read it per packet (a field
 * load).
 *
 * <p>Per-device knobs ({@code net.ipv4.conf.*}, {@code net.ipv6.conf.*}, {@code net.ipv4.neigh.*},
 * {@code net.ipv6.neigh.*}) exist as {@code all}, {@code default} and one entry per device;
 * a new device copies {@code default}, as Linux does. A dot in a device name is written as
 * {@code /} in the key ({@code net.ipv4.conf.eth0/100.rp_filter}), again as Linux's sysctl does.
 */
public final class Sysctls {
    /** One knob: an integer vector (most have one element) or a string. */
    public static final class Value {
        private String name;
        private final long[] values;
        private final long min;
        private final long max;
        private String text;
        private final List<String> allowedText;
        private final String doc;
        private LongConsumer listener;
        /** For a knob whose value lives with its stage (Linux's own proc_handler): how to read and write it. */
        private Supplier<String> reader;
        private Consumer<String> writer;

        private Value(String name, long[] values, long min, long max, String text, List<String> allowedText, String doc) {
            this.name = name;
            this.values = values;
            this.min = min;
            this.max = max;
            this.text = text;
            this.allowedText = allowedText;
            this.doc = doc;
        }

        public String name() {
            return name;
        }

        /** The first (usually only) integer. */
        public long get() {
            return values[0];
        }

        public int getInt() {
            return (int) values[0];
        }

        /** Element {@code i} of a vector such as tcp_rmem. */
        public long get(int i) {
            return values[i];
        }

        public int length() {
            return values.length;
        }

        public boolean isText() {
            return text != null;
        }

        public String text() {
            return reader != null ? reader.get() : text;
        }

        /** False for a read-only knob (mode 0444 in Linux, such as tcp_available_congestion_control). */
        public boolean isWritable() {
            return reader == null || writer != null;
        }

        public String doc() {
            return doc;
        }

        /** Called after each successful write with the first integer (or 0 for text knobs). */
        public void onChange(LongConsumer l) {
            this.listener = l;
        }

        /** The value as {@code sysctl} prints it: integers separated by tabs. */
        public String format() {
            if (text != null) {
                return text();
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    sb.append('\t');
                }
                sb.append(values[i]);
            }
            return sb.toString();
        }

        void parseAndSet(String raw) {
            String s = raw.trim();
            if (reader != null) {
                if (writer == null) {
                    throw new IllegalArgumentException("sysctl: permission denied on key '" + name + "'");
                }
                writer.accept(s);
                return;
            }
            if (text != null) {
                if (!allowedText.isEmpty() && !allowedText.contains(s)) {
                    throw new IllegalArgumentException("sysctl: setting key \"" + name + "\": Invalid argument (want one of "
                            + String.join(", ", allowedText) + ", got '" + s + "')");
                }
                text = s;
                if (listener != null) {
                    listener.accept(0);
                }
                return;
            }
            String[] parts = s.split("\\s+");
            if (parts.length != values.length) {
                throw new IllegalArgumentException("sysctl: setting key \"" + name + "\": Invalid argument (want "
                        + values.length + " integer" + (values.length > 1 ? "s" : "") + ", got '" + s + "')");
            }
            long[] parsed = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    parsed[i] = Long.parseLong(parts[i]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("sysctl: setting key \"" + name + "\": Invalid argument ('" + parts[i] + "' is not an integer)");
                }
                if (parsed[i] < min || parsed[i] > max) {
                    throw new IllegalArgumentException("sysctl: setting key \"" + name + "\": Invalid argument (" + parsed[i]
                            + " is outside " + min + ".." + max + ")");
                }
            }
            System.arraycopy(parsed, 0, values, 0, parsed.length);
            if (listener != null) {
                listener.accept(values[0]);
            }
        }

        private Value copyAs(String newName) {
            Value v = new Value(newName, values.clone(), min, max, text, allowedText, doc);
            return v;
        }
    }

    private record PerDevice(String prefix, String leaf, boolean hasAll) {}

    private final TreeMap<String, Value> entries = new TreeMap<>();
    private final List<PerDevice> perDevice = new ArrayList<>();
    private final List<String> devices = new ArrayList<>();

    /** Registers an integer knob. */
    public Value registerInt(String name, long def, long min, long max, String doc) {
        return put(new Value(name, new long[] {def}, min, max, null, List.of(), doc));
    }

    /** Registers a vector knob such as {@code net.ipv4.tcp_rmem} ("4096 131072 6291456"). */
    public Value registerVector(String name, long[] def, long min, long max, String doc) {
        return put(new Value(name, def.clone(), min, max, null, List.of(), doc));
    }

    /**
     * Registers a text knob whose value the owning stage keeps (Linux's custom
     * {@code proc_handler}, as for {@code net.ipv4.tcp_congestion_control}): reads call
     * {@code reader}; writes pass the trimmed text to {@code writer}, which applies it or throws
     * {@link IllegalArgumentException} with the message {@code sysctl} prints. A null
     * {@code writer} makes the knob read-only.
     */
    public Value registerHandled(String name, Supplier<String> reader, Consumer<String> writer, String doc) {
        Value v = new Value(name, new long[] {0}, 0, 0, "", List.of(), doc);
        v.reader = reader;
        v.writer = writer;
        return put(v);
    }

    /** Registers a text knob; {@code allowed} empty means any text. */
    public Value registerText(String name, String def, List<String> allowed, String doc) {
        return put(new Value(name, new long[] {0}, 0, 0, def, List.copyOf(allowed), doc));
    }

    private Value put(Value v) {
        if (entries.containsKey(v.name)) {
            throw new IllegalStateException("sysctl " + v.name + " registered twice");
        }
        entries.put(v.name, v);
        return v;
    }

    /**
     * Registers a per-device integer knob {@code prefix.{all,default,<dev>}.leaf}, e.g.
     * {@code ("net.ipv4.conf", "rp_filter")}. {@code hasAll} is false for neigh tables, which
     * have only {@code default}. Devices already known get their entry now.
     */
    public void registerPerDevice(String prefix, String leaf, boolean hasAll, long def, long min, long max, String doc) {
        perDevice.add(new PerDevice(prefix, leaf, hasAll));
        if (hasAll) {
            registerInt(prefix + ".all." + leaf, def, min, max, doc);
        }
        Value d = registerInt(prefix + ".default." + leaf, def, min, max, doc);
        for (String dev : devices) {
            put(d.copyAs(prefix + "." + keyOf(dev) + "." + leaf));
        }
    }

    /** Creates the per-device entries for a new device from the current {@code default} values. */
    public void deviceAdded(String ifname) {
        devices.add(ifname);
        for (PerDevice p : perDevice) {
            Value d = entries.get(p.prefix + ".default." + p.leaf);
            put(d.copyAs(p.prefix + "." + keyOf(ifname) + "." + p.leaf));
        }
    }

    public void deviceRemoved(String ifname) {
        devices.remove(ifname);
        for (PerDevice p : perDevice) {
            entries.remove(p.prefix + "." + keyOf(ifname) + "." + p.leaf);
        }
    }

    /**
     * A device was renamed: its per-device entries move to the new name keeping their values and
     * handles, as Linux's /proc/sys entries do.
     */
    public void deviceRenamed(String oldName, String newName) {
        devices.set(devices.indexOf(oldName), newName);
        for (PerDevice p : perDevice) {
            // The same Value moves, so stages holding its handle keep reading what is written.
            Value v = entries.remove(p.prefix + "." + keyOf(oldName) + "." + p.leaf);
            if (v != null) {
                v.name = p.prefix + "." + keyOf(newName) + "." + p.leaf;
                put(v);
            }
        }
    }

    private static String keyOf(String ifname) {
        return ifname.replace('.', '/');
    }

    /** The handle for a knob; the name must be registered. */
    public Value value(String name) {
        Value v = entries.get(normalise(name));
        if (v == null) {
            throw new IllegalArgumentException(notFound(name));
        }
        return v;
    }

    /** The per-device handle, e.g. {@code device("net.ipv4.conf", "eth0", "rp_filter")}. */
    public Value device(String prefix, String ifname, String leaf) {
        return value(prefix + "." + keyOf(ifname) + "." + leaf);
    }

    public boolean exists(String name) {
        return entries.containsKey(normalise(name));
    }

    /** {@code sysctl -w name=value}; the message of a failure reads as Linux's sysctl prints it. */
    public void set(String name, String value) {
        value(name).parseAndSet(value);
    }

    /** {@code sysctl name}: the value as printed. */
    public String get(String name) {
        return value(name).format();
    }

    /** Every knob under {@code prefix} (all when empty), by name, as {@code sysctl -a}. */
    public Map<String, String> list(String prefix) {
        String p = normalise(prefix);
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, Value> e : entries.tailMap(p, true).entrySet()) {
            if (!e.getKey().startsWith(p)) {
                break;
            }
            out.put(e.getKey(), e.getValue().format());
        }
        return out;
    }

    private static String normalise(String name) {
        String n = name.trim();
        if (n.startsWith("/proc/sys/")) {
            n = n.substring("/proc/sys/".length());
        }
        // sysctl accepts net/ipv4/ip_forward: slashes become dots (device names then keep '/').
        if (n.indexOf('/') >= 0 && n.indexOf('.') < 0) {
            n = n.replace('/', '.');
        }
        return n;
    }

    private static String notFound(String name) {
        return "sysctl: cannot stat /proc/sys/" + normalise(name).replace('.', '/') + ": No such file or directory";
    }
}
