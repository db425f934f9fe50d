package dev.weir.pcap.print;

import dev.weir.api.wire.Bytes;

/**
 * The first line of an HTTP message in a TCP payload, as tcpdump's {@code txtproto_print} shows
 * it without {@code -v}: {@code "HTTP"}, then {@code ": "} and the line when the payload starts
 * with a request method tcpdump knows or has a three-digit status as its second token. The line
 * must be printable ASCII (tabs allowed) ending in LF or CRLF; one that runs to the end of the
 * payload is printed and marked {@code [|http]}. Reusable, not thread-safe, allocation-free.
 */
final class HttpFirstLine {
    private static final int HTTP_PORT = 80;
    private static final int HTTP_PORT_ALT = 8080;
    /** tcpdump's MAX_TOKEN: an HTTP method or status token longer than this is not one. */
    private static final int MAX_TOKEN = 128;
    /** The HTTP request methods tcpdump recognizes (print-http.c), compared ignoring case. */
    private static final String[] HTTP_METHODS = {
        "GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL", "TRACE", "LABEL",
        "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY", "BDELETE", "CONNECT", "OPTIONS",
        "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST", "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH",
        "UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL",
        "BASELINE-CONTROL"
    };
    /**
     * Ports whose payload tcpdump hands to another decoder before it tries HTTP (telnet, SMTP,
     * whois, BGP, PPTP, Redis, SSH, NetBIOS, SMB, BEEP, OpenFlow, FTP); none is decoded here.
     */
    private static final int[] PORTS_BEFORE_HTTP = {23, 25, 43, 179, 1723, 6379, 22, 139, 445, 10288, 6633, 6653, 21};

    private final char[] token = new char[MAX_TOKEN];
    private int tokenLength;
    private StringBuilder out;
    private byte[] b;

    /** Whether tcpdump would hand a TCP payload between these ports to its HTTP printer. */
    static boolean isHttpPort(int sport, int dport) {
        if (sport != HTTP_PORT && dport != HTTP_PORT && sport != HTTP_PORT_ALT && dport != HTTP_PORT_ALT) {
            return false;
        }
        for (int p : PORTS_BEFORE_HTTP) {
            if (sport == p || dport == p) {
                return false;
            }
        }
        return true;
    }

    /** Appends the summary of the {@code len}-byte payload at {@code off}, of which {@code cap} bytes were captured. */
    void print(StringBuilder out, byte[] b, int off, int cap, int len) {
        this.out = out;
        this.b = b;
        try {
            http(off, cap, len);
        } finally {
            this.out = null;
            this.b = null;
        }
    }

    /**
     * Prints {@code HTTP}, then {@code ": "} and the first line when the payload starts with a
     * request method tcpdump knows or has a three-digit status as its second token. The line
     * must be printable ASCII (tabs allowed) ending in LF or CRLF; one that runs to the end of
     * the payload is printed and marked {@code [|http]}.
     */
    private void http(int off, int cap, int len) {
        out.append("HTTP");
        int limit = Math.min(cap, len);
        int n = fetchToken(off, 0, limit);
        boolean recognized = false;
        if (n > 0) {
            for (String m : HTTP_METHODS) {
                if (tokenEqualsIgnoreCase(m)) {
                    recognized = true;
                    break;
                }
            }
            if (!recognized) {
                int n2 = fetchToken(off, n, limit);
                recognized = n2 > 0 && tokenLength == 3 && isDigit(token[0]) && isDigit(token[1]) && isDigit(token[2]);
            }
        }
        if (recognized) {
            printTextLine(off, limit, len);
        }
    }

    /** Reads a token at {@code idx}; returns the index after it and the blanks that follow, or 0 when there is none. */
    private int fetchToken(int off, int idx, int limit) {
        tokenLength = 0;
        for (; idx < limit; idx++) {
            int c = Bytes.u8(b, off + idx);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                break;
            }
            if (c < 0x20 || c > 0x7e) {
                return 0;
            }
            if (tokenLength + 2 > MAX_TOKEN + 1) {
                return 0;
            }
            token[tokenLength++] = (char) c;
        }
        if (tokenLength == 0) {
            return 0;
        }
        for (; idx < limit; idx++) {
            int c = Bytes.u8(b, off + idx);
            if (c == '\r' || c == '\n' || c < 0x20 || c > 0x7e || (c != ' ' && c != '\t')) {
                break;
            }
        }
        return idx;
    }

    private boolean tokenEqualsIgnoreCase(String s) {
        if (s.length() != tokenLength) {
            return false;
        }
        for (int i = 0; i < tokenLength; i++) {
            char c = token[i];
            char u = c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
            if (u != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void printTextLine(int off, int limit, int len) {
        for (int idx = 0; idx < limit; idx++) {
            int c = Bytes.u8(b, off + idx);
            if (c == '\n') {
                appendText(off, idx);
                return;
            }
            if (c == '\r') {
                if (idx + 1 >= limit) {
                    if (limit < len) {
                        Text.trunc(out, "http");
                    }
                    return;
                }
                if (Bytes.u8(b, off + idx + 1) == '\n') {
                    appendText(off, idx);
                }
                return;
            }
            if ((c < 0x20 || c > 0x7e) && c != '\t') {
                return;
            }
        }
        // Printable to the end: tcpdump prints the line as cut short when the payload ends there,
        // and only the marker when the capture does.
        if (limit == len) {
            appendText(off, limit);
        }
        Text.trunc(out, "http");
    }

    private void appendText(int off, int n) {
        out.append(": ");
        for (int i = 0; i < n; i++) {
            out.append((char) Bytes.u8(b, off + i));
        }
    }
}
