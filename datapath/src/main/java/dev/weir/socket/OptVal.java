package dev.weir.socket;

/**
 * The value of a socket option, in and out of {@link Sock#setsockopt} and
 * {@link Sock#getsockopt}: what C passes as {@code optval}/{@code optlen}. Most options are one
 * {@code int}; {@code SO_LINGER} is two ({@code l_onoff}, {@code l_linger}),
 * {@code SO_RCVTIMEO}/{@code SO_SNDTIMEO} are two ({@code tv_sec}, {@code tv_usec}),
 * {@code SO_BINDTODEVICE} and {@code TCP_CONGESTION} are text. Reusable: {@link #clear} and fill
 * again.
 */
public final class OptVal {
    private final int[] ints = new int[8];
    private int count;
    private String text;

    public static OptVal of(int v) {
        return new OptVal().set(v);
    }

    /** Two ints: {@code {l_onoff, l_linger}} or {@code {tv_sec, tv_usec}}. */
    public static OptVal of(int a, int b) {
        return new OptVal().set(a, b);
    }

    public static OptVal ofText(String s) {
        OptVal v = new OptVal();
        v.text = s;
        return v;
    }

    public OptVal clear() {
        count = 0;
        text = null;
        return this;
    }

    public OptVal set(int v) {
        clear();
        ints[0] = v;
        count = 1;
        return this;
    }

    public OptVal set(int a, int b) {
        clear();
        ints[0] = a;
        ints[1] = b;
        count = 2;
        return this;
    }

    public OptVal setText(String s) {
        clear();
        text = s;
        return this;
    }

    /** Appends one more int (for options wider than two). */
    public OptVal add(int v) {
        ints[count++] = v;
        return this;
    }

    /** How many ints the value holds (0 for a text value). */
    public int count() {
        return count;
    }

    public int get(int i) {
        if (i >= count) {
            throw new IndexOutOfBoundsException("option value has " + count + " int(s), asked for #" + i);
        }
        return ints[i];
    }

    /** The first int. */
    public int intValue() {
        return get(0);
    }

    /** The text of a text value, or null. */
    public String text() {
        return text;
    }

    /** {@code optlen}: 4 bytes per int, or the text's length. */
    public int length() {
        return text != null ? text.length() : count * 4;
    }

    @Override
    public String toString() {
        if (text != null) {
            return "\"" + text + "\"";
        }
        StringBuilder sb = new StringBuilder(count == 1 ? "" : "{");
        for (int i = 0; i < count; i++) {
            sb.append(i > 0 ? ", " : "").append(ints[i]);
        }
        return sb.append(count == 1 ? "" : "}").toString();
    }
}
