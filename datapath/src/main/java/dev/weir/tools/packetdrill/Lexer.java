package dev.weir.tools.packetdrill;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packetdrill script tokenizer. Tokens follow packetdrill's flex rules: the longest match
 * wins, and between equally long matches the earlier rule (ellipsis, option, float, integer,
 * hex integer, word...). So {@code 10} is an integer, {@code 1234abcd} a word, {@code 0x2} a hex
 * integer, {@code 192.0.2.1} an IPv4 address, {@code .1} a float and {@code S.} the word
 * {@code S} followed by the character {@code .}. Whitespace, newlines included, only separates
 * tokens: events are delimited by the grammar, not by lines, so a system call may span lines.
 *
 * <p>Two departures, both for the option lines: {@code --name=value} is one token whose value is
 * the raw text up to the next blank (so an IPv6 address or {@code SYM="a b"} needs no grammar of
 * its own), and a word named by a {@code --define} or by the caller's symbol table is replaced by
 * its value when read, as packetdrill's lexer does.
 */
final class Lexer {
    enum Kind { INT, HEX, FLOAT, WORD, STRING, BACKQUOTE, CODE, OPTION, ELLIPSIS, IPV4, IPV6, PUNCT, EOF }

    /**
     * One token. {@code text} is the token as the grammar sees it (after define substitution);
     * {@code value} holds a string's or command's contents, a code block's trimmed text, or an
     * option's value (null for {@code --flag} with no value).
     */
    record Token(Kind kind, String text, String value, int start, int end) {
        boolean is(char c) {
            return kind == Kind.PUNCT && text.length() == 1 && text.charAt(0) == c;
        }

        boolean isWord(String w) {
            return kind == Kind.WORD && text.equals(w);
        }

        boolean isNumber() {
            return kind == Kind.INT || kind == Kind.HEX;
        }
    }

    private static final Pattern IPV4 = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+");
    private static final Pattern FLOAT = Pattern.compile("-?[0-9]*\\.[0-9]+");
    private static final Pattern INT = Pattern.compile("-?[0-9]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern WORD = Pattern.compile("[a-zA-Z0-9_]+");
    private static final Pattern OPTION = Pattern.compile("--[a-zA-Z0-9_]+");
    /** The forms of an IPv6 address packetdrill's lexer knows; each is tried, the longest kept. */
    private static final List<Pattern> IPV6 = ipv6Forms();

    private final String src;
    private final String file;
    private final Map<String, String> defines;
    private final int[] lineStarts;
    private int pos;
    private final List<Token> lookahead = new ArrayList<>();

    Lexer(String src, String file, Map<String, String> defines) {
        this.src = src;
        this.file = file;
        this.defines = defines;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    String source() {
        return src;
    }

    /** The token {@code k} places ahead (0 = next), without consuming anything. */
    Token peek(int k) throws ScriptSyntaxException {
        while (lookahead.size() <= k) {
            lookahead.add(scan());
        }
        return lookahead.get(k);
    }

    Token peek() throws ScriptSyntaxException {
        return peek(0);
    }

    Token next() throws ScriptSyntaxException {
        Token t = peek(0);
        lookahead.removeFirst();
        return t;
    }

    /** 1-based line of a source offset. */
    int line(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    /** 1-based column of a source offset. */
    int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    ScriptSyntaxException error(int offset, String problem) {
        return new ScriptSyntaxException(file, line(offset), column(offset), problem);
    }

    private Token scan() throws ScriptSyntaxException {
        skipBlanksAndComments();
        int n = src.length();
        if (pos >= n) {
            return new Token(Kind.EOF, "end of file", null, n, n);
        }
        int start = pos;
        char c = src.charAt(pos);
        if (src.startsWith("...", pos)) {
            pos += 3;
            return new Token(Kind.ELLIPSIS, "...", null, start, pos);
        }
        if (src.startsWith("%{", pos)) {
            int close = src.indexOf("}%", pos + 2);
            if (close < 0) {
                throw error(start, "unterminated %{ code block: no }% before the end of the file");
            }
            pos = close + 2;
            return new Token(Kind.CODE, src.substring(start, pos), trimCode(src.substring(start + 2, close)), start, pos);
        }
        if (c == '"' || c == '`') {
            int i = start + 1;
            while (i < n && src.charAt(i) != c) {
                i += src.charAt(i) == '\\' && i + 1 < n ? 2 : 1;
            }
            if (i >= n) {
                throw error(start, c == '"' ? "unterminated string: no closing \" before the end of the file"
                        : "unterminated `command`: no closing ` before the end of the file");
            }
            pos = i + 1;
            return new Token(c == '"' ? Kind.STRING : Kind.BACKQUOTE, src.substring(start, pos), src.substring(start + 1, i), start, pos);
        }
        Matcher option = match(OPTION);
        if (option != null) {
            int end = option.end();
            String name = src.substring(start + 2, end);
            String value = null;
            if (end < n && src.charAt(end) == '=') {
                int i = end + 1;
                boolean quoted = false;
                while (i < n && (quoted || !isBlank(src.charAt(i)))) {
                    if (src.charAt(i) == '"') {
                        quoted = !quoted;
                    }
                    i++;
                }
                value = src.substring(end + 1, i);
                end = i;
            }
            pos = end;
            return new Token(Kind.OPTION, name, value, start, end);
        }
        // Longest match among the number, word and address rules; on a tie the earlier rule wins.
        Kind best = null;
        int bestEnd = start;
        Kind[] kinds = {Kind.FLOAT, Kind.INT, Kind.HEX, Kind.WORD, Kind.IPV4};
        Pattern[] patterns = {FLOAT, INT, HEX, WORD, IPV4};
        for (int k = 0; k < kinds.length; k++) {
            Matcher m = match(patterns[k]);
            if (m != null && m.end() > bestEnd) {
                best = kinds[k];
                bestEnd = m.end();
            }
        }
        for (Pattern p : IPV6) {
            Matcher m = match(p);
            if (m != null && m.end() > bestEnd) {
                best = Kind.IPV6;
                bestEnd = m.end();
            }
        }
        if (best == null) {
            pos = start + Character.charCount(src.codePointAt(start));
            return new Token(Kind.PUNCT, src.substring(start, pos), null, start, pos);
        }
        pos = bestEnd;
        String text = src.substring(start, bestEnd);
        if (best == Kind.WORD && defines.containsKey(text)) {
            String v = defines.get(text);
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                return new Token(Kind.STRING, v, v.substring(1, v.length() - 1), start, bestEnd);
            }
            if (v.length() >= 2 && v.startsWith("`") && v.endsWith("`")) {
                return new Token(Kind.BACKQUOTE, v, v.substring(1, v.length() - 1), start, bestEnd);
            }
            return new Token(Kind.WORD, v, null, start, bestEnd);
        }
        return new Token(best, text, null, start, bestEnd);
    }

    private Matcher match(Pattern p) {
        Matcher m = p.matcher(src);
        m.region(pos, src.length());
        return m.lookingAt() ? m : null;
    }

    private void skipBlanksAndComments() throws ScriptSyntaxException {
        int n = src.length();
        while (pos < n) {
            char c = src.charAt(pos);
            if (isBlank(c)) {
                pos++;
            } else if (src.startsWith("//", pos)) {
                int eol = src.indexOf('\n', pos);
                pos = eol < 0 ? n : eol + 1;
            } else if (src.startsWith("/*", pos)) {
                int close = src.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw error(pos, "unterminated /* comment: no */ before the end of the file");
                }
                pos = close + 2;
            } else {
                return;
            }
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    /** As packetdrill: spaces and tabs (not newlines) are stripped from both ends of a code block. */
    private static String trimCode(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) {
            b--;
        }
        return s.substring(a, b);
    }

    private static List<Pattern> ipv6Forms() {
        String seg = "[0-9a-fA-F]{1,4}";
        String v4 = "[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+";
        String[] forms = {
            "::",
            "(" + seg + ":){7}" + seg,
            "(" + seg + ":){1,7}:",
            "(" + seg + ":){1,6}:" + seg,
            "(" + seg + ":){1,5}(:" + seg + "){1,2}",
            "(" + seg + ":){1,4}(:" + seg + "){1,3}",
            "(" + seg + ":){1,3}(:" + seg + "){1,4}",
            "(" + seg + ":){1,2}(:" + seg + "){1,5}",
            seg + ":(:" + seg + "){1,6}",
            ":(:" + seg + "){1,7}",
            "::ffff:" + v4,
            "::ffff:0{1,4}:" + v4,
            "(" + seg + ":){1,4}:" + v4,
        };
        List<Pattern> out = new ArrayList<>();
        for (String f : forms) {
            out.add(Pattern.compile(f));
        }
        return List.copyOf(out);
    }
}
