package dev.weir.js;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a program's {@code console.log} and {@code console.error} go: no file or terminal of the
 * host's, but a bounded in-memory log of the last {@link #MAX_LINES} lines (each cut at
 * {@link #MAX_LINE} characters), optionally handed line by line to a sink (the command line
 * prints them prefixed with the program's name). Debug output costs what the program spends
 * formatting it; {@code tracePrint} is the allocation-free way to trace.
 */
final class JsConsole extends OutputStream {
    static final int MAX_LINES = 200;
    static final int MAX_LINE = 1000;

    private final Consumer<String> sink;
    private final Deque<String> lines = new ArrayDeque<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long dropped;

    JsConsole(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            endLine();
        } else if (line.size() < MAX_LINE * 4) {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                append(b, start, i - start);
                endLine();
                start = i + 1;
            }
        }
        append(b, start, off + len - start);
    }

    private void append(byte[] b, int off, int len) {
        int room = MAX_LINE * 4 - line.size();
        if (len > 0 && room > 0) {
            line.write(b, off, Math.min(len, room));
        }
    }

    private void endLine() {
        String s = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (s.length() > MAX_LINE) {
            s = s.substring(0, MAX_LINE) + "...";
        }
        if (lines.size() == MAX_LINES) {
            lines.removeFirst();
            dropped++;
        }
        lines.addLast(s);
        if (sink != null) {
            sink.accept(s);
        }
    }

    /** The lines kept, oldest first. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Lines that fell out of the log. */
    synchronized long dropped() {
        return dropped;
    }
}
