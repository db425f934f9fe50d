package dev.weir.maps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.MapType;
import dev.weir.api.wire.Bytes;
import dev.weir.core.Args;
import dev.weir.core.CommandException;
import java.util.List;

/**
 * bpftool's text and JSON forms of the {@code map} commands, for the command line to call:
 * {@code show}, {@code dump}, {@code lookup}, {@code getnext}, {@code update}, {@code delete},
 * each with the output bpftool prints (its hex layout: a space between bytes, two after every
 * 8th, a new line after every 16th; key and value on one line when both are short) and its
 * error messages. Keys and values are the map's raw bytes, big-endian as every Weir map.
 *
 * <pre>
 * key: 0a 00 00 01  value: 00 00 00 00 00 00 00 05
 * Found 1 element
 * </pre>
 *
 * <p>Argument words follow bpftool: {@code key [hex] BYTES}, {@code value [hex] BYTES},
 * then {@code any | exist | noexist}. Bytes are numbers in C syntax ({@code 10}, {@code 0x0a},
 * {@code 012}), or hex with the {@code hex} keyword. Weir adds {@code key prefix 10.0.0.0/8}
 * for LPM tries and {@code value id N} for program arrays (bpftool's PROG form). A value given
 * for a per-CPU map is set on every CPU, as bpftool does.
 */
public final class MapText {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXIT = 255;

    private MapText() {}

    // ---- hex ----

    /** bpftool's {@code fprint_hex}: bytes as two hex digits, separated by a space, two after every 8th, a new line after every 16th. */
    public static String hex(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 3);
        for (int i = 0; i < len; i++) {
            if (i > 0) {
                sb.append(i % 16 == 0 ? "\n" : i % 8 == 0 ? "  " : " ");
            }
            int v = b[off + i] & 0xff;
            sb.append(Character.forDigit(v >>> 4, 16)).append(Character.forDigit(v & 0xf, 16));
        }
        return sb.toString();
    }

    private static ArrayNode hexJson(byte[] b, int off, int len) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < len; i++) {
            a.add(String.format("0x%02x", b[off + i] & 0xff));
        }
        return a;
    }

    private static String write(Object node, boolean pretty) {
        try {
            return pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) : JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    // ---- show ----

    /** bpftool's {@code map show} entry: {@code 3: hash  name flows  flags 0x0} and a line of sizes. */
    public static String show(MapImpl m) {
        StringBuilder sb = new StringBuilder();
        sb.append(m.id()).append(": ").append(m.type().linuxName()).append("  name ").append(m.name()).append("  flags 0x0\n");
        sb.append("\tkey ").append(m.keySize()).append("B  value ").append(m.valueSize()).append("B  max_entries ")
                .append(m.maxEntries()).append("  memlock ").append(m.memoryBytes()).append("B\n");
        if (m.isPinned()) {
            sb.append("\tpinned ").append(m.name()).append('\n');
        }
        return sb.toString();
    }

    /** bpftool's {@code map show -j} object. */
    public static String showJson(MapImpl m, boolean pretty) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", m.id());
        o.put("type", m.type().linuxName());
        o.put("name", m.name());
        o.put("flags", 0);
        o.put("bytes_key", m.keySize());
        o.put("bytes_value", m.valueSize());
        o.put("max_entries", m.maxEntries());
        o.put("bytes_memlock", m.memoryBytes());
        if (m.isPinned()) {
            o.putArray("pinned").add(m.name());
        }
        return write(o, pretty);
    }

    // ---- entries ----

    private static boolean perCpu(MapImpl m) {
        return m.type().perCpu();
    }

    private static int numCpus(MapImpl m) {
        return perCpu(m) ? m.userValueSize() / stride(m) : 1;
    }

    private static int stride(MapImpl m) {
        return (m.valueSize() + 7) & ~7;
    }

    /** bpftool's {@code print_entry_plain}. */
    static String entry(MapImpl m, byte[] key, byte[] value) {
        StringBuilder sb = new StringBuilder();
        if (!perCpu(m)) {
            boolean breakNames = m.keySize() > 16 || m.valueSize() > 16;
            boolean singleLine = m.keySize() + m.valueSize() <= 24 && !breakNames;
            sb.append("key:").append(breakNames ? '\n' : ' ').append(hex(key, 0, m.keySize())).append(singleLine ? "  " : "\n");
            sb.append("value:").append(breakNames ? '\n' : ' ').append(hex(value, 0, m.valueSize())).append('\n');
        } else {
            sb.append("key:\n").append(hex(key, 0, m.keySize())).append('\n');
            for (int c = 0; c < numCpus(m); c++) {
                sb.append(String.format("value (CPU %02d):", c)).append(m.valueSize() > 16 ? '\n' : ' ')
                        .append(hex(value, c * stride(m), m.valueSize())).append('\n');
            }
        }
        return sb.toString();
    }

    /** bpftool's {@code print_entry_error_msg}: a key whose lookup failed. */
    static String entryError(MapImpl m, byte[] key, String msg) {
        boolean breakNames = m.keySize() > 16 || msg.length() > 16;
        boolean singleLine = m.keySize() + msg.length() <= 24 && !breakNames;
        return "key:" + (breakNames ? '\n' : ' ') + hex(key, 0, m.keySize()) + (singleLine ? "  " : "\n")
                + "value:" + (breakNames ? '\n' : ' ') + msg + "\n";
    }

    static ObjectNode entryJson(MapImpl m, byte[] key, byte[] value) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("key", hexJson(key, 0, m.keySize()));
        if (!perCpu(m)) {
            o.set("value", hexJson(value, 0, m.valueSize()));
        } else {
            ArrayNode values = o.putArray("values");
            for (int c = 0; c < numCpus(m); c++) {
                ObjectNode v = values.addObject();
                v.put("cpu", c);
                v.set("value", hexJson(value, c * stride(m), m.valueSize()));
            }
        }
        return o;
    }

    /** Whether bpftool leaves a key whose lookup failed out of a dump (empty program-array slots). */
    private static boolean skipMissing(MapImpl m) {
        return m.type() == MapType.PROG_ARRAY;
    }

    private static void requireElements(MapImpl m) {
        if (!m.hasElements()) {
            throw new CommandException(EXIT, "Error: map " + m.id() + " \"" + m.name() + "\" is a " + m.type().linuxName()
                    + ": it has no elements to dump; read it with its consumer (weir map consume)");
        }
    }

    // ---- dump ----

    /** bpftool's {@code map dump}: every entry in iteration order, then {@code Found N element(s)}. */
    public static String dump(MapImpl m) {
        requireElements(m);
        StringBuilder sb = new StringBuilder();
        byte[] value = new byte[m.userValueSize()];
        byte[] key = null;
        byte[] next = new byte[m.keySize()];
        int found = 0;
        while (m.userGetNextKey(key, next) == MapError.OK) {
            key = next.clone();
            int rc = m.userLookup(key, value);
            if (rc == MapError.OK) {
                sb.append(entry(m, key, value));
                found++;
            } else if (!(rc == MapError.ENOENT && skipMissing(m))) {
                sb.append(entryError(m, key, rc == MapError.ENOENT ? "<no entry>" : MapError.message(rc)));
            }
        }
        sb.append("Found ").append(found).append(found == 1 ? " element\n" : " elements\n");
        return sb.toString();
    }

    /** bpftool's {@code map dump -j}: a JSON array of entries. */
    public static String dumpJson(MapImpl m, boolean pretty) {
        requireElements(m);
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        byte[] value = new byte[m.userValueSize()];
        byte[] key = null;
        byte[] next = new byte[m.keySize()];
        while (m.userGetNextKey(key, next) == MapError.OK) {
            key = next.clone();
            int rc = m.userLookup(key, value);
            if (rc == MapError.OK) {
                all.add(entryJson(m, key, value));
            } else if (!(rc == MapError.ENOENT && skipMissing(m))) {
                ObjectNode o = all.addObject();
                o.set("key", hexJson(key, 0, m.keySize()));
                o.putObject("value").put("error", MapError.message(rc));
            }
        }
        return write(all, pretty);
    }

    // ---- lookup, getnext, update, delete ----

    /** The key a lookup command names and its value (null when not found); a CommandException for other failures. */
    private record Found(byte[] key, byte[] value) {}

    private static Found find(MapImpl m, List<String> words) {
        requireElements(m);
        Args a = new Args("map lookup", words);
        byte[] key = parseKey(m, a);
        end(a);
        byte[] value = new byte[m.userValueSize()];
        int rc = m.userLookup(key, value);
        if (rc != MapError.OK && rc != MapError.ENOENT) {
            throw new CommandException(EXIT, "Error: lookup failed: " + MapError.message(rc));
        }
        return new Found(key, rc == MapError.OK ? value : null);
    }

    /** {@code map lookup key BYTES}: the entry, or bpftool's "Not found" form. */
    public static String lookup(MapImpl m, List<String> words) {
        Found f = find(m, words);
        return f.value() == null ? "key:\n" + hex(f.key(), 0, m.keySize()) + "\n\nNot found\n" : entry(m, f.key(), f.value());
    }

    /** {@code map lookup -j}: the entry as JSON, {@code null} when not found. */
    public static String lookupJson(MapImpl m, List<String> words, boolean pretty) {
        Found f = find(m, words);
        return f.value() == null ? "null" : write(entryJson(m, f.key(), f.value()), pretty);
    }

    /** {@code map getnext [key BYTES]}: the key and the next key. */
    public static String getNext(MapImpl m, List<String> words) {
        requireElements(m);
        Args a = new Args("map getnext", words);
        byte[] key = a.hasNext() ? parseKey(m, a) : null;
        end(a);
        byte[] next = new byte[m.keySize()];
        int rc = m.userGetNextKey(key, next);
        if (rc != MapError.OK) {
            throw new CommandException(EXIT, "Error: can't get next key: " + MapError.message(rc));
        }
        String first = key == null ? "key: None\n" : "key:\n" + hex(key, 0, m.keySize()) + "\n";
        return first + "next key:\n" + hex(next, 0, m.keySize()) + "\n";
    }

    /** {@code map update key BYTES value BYTES [any|exist|noexist]}: nothing on success. */
    public static void update(MapImpl m, List<String> words) {
        requireElements(m);
        Args a = new Args("map update", words);
        byte[] key = parseKey(m, a);
        byte[] value = parseValue(m, a);
        long flags = MapFlags.ANY;
        if (a.hasNext()) {
            String f = a.next();
            flags = switch (f) {
                case "any" -> MapFlags.ANY;
                case "exist" -> MapFlags.EXIST;
                case "noexist" -> MapFlags.NOEXIST;
                default -> throw new CommandException(EXIT, "Error: unknown update flag \"" + f + "\" (expected any, exist or noexist)");
            };
        }
        end(a);
        int rc = m.userUpdate(key, value, flags);
        if (rc != MapError.OK) {
            throw new CommandException(EXIT, "Error: update failed: " + MapError.message(rc));
        }
    }

    /** {@code map delete key BYTES}: nothing on success. */
    public static void delete(MapImpl m, List<String> words) {
        requireElements(m);
        Args a = new Args("map delete", words);
        byte[] key = parseKey(m, a);
        end(a);
        int rc = m.userDelete(key);
        if (rc != MapError.OK) {
            throw new CommandException(EXIT, "Error: delete failed: " + MapError.message(rc));
        }
    }

    private static void end(Args a) {
        if (a.hasNext()) {
            throw new CommandException(EXIT, "Error: too many arguments: unexpected \"" + a.peek() + "\" in \"" + a.line() + "\"");
        }
    }

    // ---- parsing ----

    private static byte[] parseKey(MapImpl m, Args a) {
        if (!a.accept("key")) {
            throw new CommandException(EXIT, "Error: did not find key" + (a.hasNext() ? " (got \"" + a.peek() + "\")" : ""));
        }
        if (m.type() == MapType.LPM_TRIE && a.accept("prefix")) {
            return lpmKey(m, a.value("prefix"));
        }
        return parseBytes(a, "key", m.keySize());
    }

    private static byte[] lpmKey(MapImpl m, String text) {
        Args.Prefix p = Args.parsePrefix(text);
        int addrBytes = m.keySize() - 4;
        if (p == null || (p.family() == 4 ? 4 : 16) != addrBytes) {
            throw new CommandException(EXIT, "Error: prefix \"" + text + "\" does not fit map \"" + m.name() + "\": its keys hold "
                    + addrBytes + " address bytes (" + (addrBytes == 4 ? "IPv4" : addrBytes == 16 ? "IPv6" : "raw") + ")");
        }
        byte[] k = new byte[m.keySize()];
        Bytes.put32(k, 0, p.len());
        if (p.family() == 4) {
            Bytes.put32(k, 4, p.v4());
        } else {
            Bytes.put64(k, 4, p.hi());
            Bytes.put64(k, 12, p.lo());
        }
        return k;
    }

    private static byte[] parseValue(MapImpl m, Args a) {
        if (!a.accept("value")) {
            throw new CommandException(EXIT, "Error: did not find value" + (a.hasNext() ? " (got \"" + a.peek() + "\")" : ""));
        }
        if (m.type() == MapType.PROG_ARRAY && a.accept("id")) {
            String id = a.value("id");
            byte[] v = new byte[4];
            try {
                Bytes.put32(v, 0, Integer.parseInt(id));
            } catch (NumberFormatException e) {
                throw new CommandException(EXIT, "Error: can't parse \"" + id + "\" as ID");
            }
            return v;
        }
        byte[] one = parseBytes(a, "value", m.valueSize());
        if (!perCpu(m)) {
            return one;
        }
        // bpftool's fill_per_cpu_value: the value given is set on every CPU.
        byte[] all = new byte[m.userValueSize()];
        for (int c = 0; c < numCpus(m); c++) {
            System.arraycopy(one, 0, all, c * stride(m), one.length);
        }
        return all;
    }

    /** bpftool's {@code parse_bytes}: exactly {@code n} byte words, in C number syntax or, after {@code hex}, hex. */
    static byte[] parseBytes(Args a, String what, int n) {
        boolean hex = a.accept("hex");
        byte[] out = new byte[n];
        int i = 0;
        while (i < n && a.hasNext() && !isKeyword(a.peek())) {
            String w = a.next();
            int v = parseByte(w, hex);
            if (v < 0) {
                throw new CommandException(EXIT, "Error: error parsing byte: " + w + " (" + what + " byte " + i
                        + "; a byte is 0..255: 10, 0x0a, 012, or hex digits after \"hex\")");
            }
            out[i++] = (byte) v;
        }
        if (i != n || a.hasNext() && !isKeyword(a.peek()) && parseByte(a.peek(), hex) >= 0) {
            int got = i;
            while (a.hasNext() && !isKeyword(a.peek()) && parseByte(a.peek(), hex) >= 0) {
                a.next();
                got++;
            }
            throw new CommandException(EXIT, "Error: " + what + " expected " + n + " bytes got " + got);
        }
        return out;
    }

    private static boolean isKeyword(String w) {
        return w.equals("key") || w.equals("value") || w.equals("any") || w.equals("exist") || w.equals("noexist");
    }

    /** The byte a word means, or -1: C's strtoul with base 0 (or 16 after "hex"), at most 0xff. */
    private static int parseByte(String w, boolean hex) {
        try {
            int v;
            if (hex) {
                v = Integer.parseInt(w.startsWith("0x") || w.startsWith("0X") ? w.substring(2) : w, 16);
            } else if (w.startsWith("0x") || w.startsWith("0X")) {
                v = Integer.parseInt(w.substring(2), 16);
            } else if (w.length() > 1 && w.startsWith("0")) {
                v = Integer.parseInt(w.substring(1), 8);
            } else {
                v = Integer.parseInt(w);
            }
            return v >= 0 && v <= 0xff ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
