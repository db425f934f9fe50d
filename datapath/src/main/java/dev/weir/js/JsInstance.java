package dev.weir.js;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

/**
 * One JavaScript program's context and the exported functions it calls, kept usable across
 * failures: the polyglot side of a {@link JsProgram}.
 *
 * <h2>Lifecycle</h2>
 * {@link #open} builds the context (sandbox options, the program's statement limit and console),
 * runs the preamble and evaluates the module; {@link #bind} looks up the functions the program
 * type calls and builds the frozen {@code maps} object. Exceeding the statement limit cancels a
 * context for good (Truffle closes it), and so may an internal error: the instance then opens a
 * fresh context on the same source, binds the same functions and maps, and goes on. Compiled
 * code is the engine's, so the new context runs compiled at once; what is lost is only what the
 * program kept in its own globals, which programs must not rely on (state lives in maps).
 *
 * <h2>Calls</h2>
 * Each call resets the statement count, tells the watchdog and the {@link JsEnv} which run is in
 * progress, and calls the function with the context and the maps. The argument arrays of
 * {@link #callInt} and {@link #callVoid} are reused, so the Java side allocates nothing per call
 * beyond the polyglot API's result {@link Value} ({@link #callVoid} not even that). What a call
 * costs is mostly the polyglot boundary: entering the context, resetting the statement count and
 * converting the result take about 130 ns together ({@code JsVsJavaBench}). Failures become
 * {@link JsProgramException}s.
 *
 * <p>Threading: calls from one thread at a time (the simulation's); {@link #interrupt} from the
 * watchdog's.
 */
final class JsInstance {
    private final JsRuntime runtime;
    private final String file;
    private final Source source;
    private final long statementLimit;
    private final JsEnv env;
    private final JsConsole console;
    private final JsWatchdog watchdog;

    private volatile Context context;
    private Value helpers;
    private Value namespace;
    private String[] functionNames = new String[0];
    private String[] mapNames = new String[0];
    private Object[] maps = new Object[0];
    private Value[] functions = new Value[0];
    private Value mapsValue;
    private final Object[] args = new Object[2];
    private int depth;
    private int restarts;
    private volatile String interruptReason;
    private volatile boolean restartAfterInterrupt;

    JsInstance(JsRuntime runtime, String file, Source source, long statementLimit, JsEnv env, JsConsole console) {
        this.runtime = runtime;
        this.file = file;
        this.source = source;
        this.statementLimit = statementLimit;
        this.env = env;
        this.console = console;
        this.watchdog = runtime.watchdog();
    }

    /**
     * Opens a context and evaluates the module: its namespace (the exports).
     *
     * @throws JsLoadException for a syntax error, an import (there is no file system), or an
     *         exception or the statement limit in the module's top level
     */
    Value open() {
        Context c = runtime.sandbox().newContext(statementLimit, console);
        try {
            Value preamble = c.eval(runtime.sandbox().preamble());
            helpers = preamble.execute(env, runtime.sandbox().constants());
            c.resetLimits();
            Value ns = c.eval(source);
            c.resetLimits();
            context = c;
            namespace = ns;
            return ns;
        } catch (PolyglotException e) {
            close(c);
            throw loadError(e);
        } catch (RuntimeException e) {
            close(c);
            throw e;
        }
    }

    /** Looks up the functions (absent ones stay null) and builds the maps object. */
    void bind(Value namespace, String[] functionNames, String[] mapNames, Object[] maps) {
        this.functionNames = functionNames.clone();
        this.mapNames = mapNames.clone();
        this.maps = maps.clone();
        try {
            Value[] fs = new Value[functionNames.length];
            for (int i = 0; i < fs.length; i++) {
                Value f = namespace.getMember(functionNames[i]);
                fs[i] = f != null && f.canExecute() ? f : null;
            }
            mapsValue = helpers.getMember("makeMaps").execute(this.mapNames, this.maps);
            context.resetLimits();
            functions = fs;
        } catch (PolyglotException e) {
            throw loadError(e);
        }
    }

    /** A JsLoadException for a failure while loading, placed in the file when it has a place there. */
    JsLoadException loadError(PolyglotException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e.isResourceExhausted() || e.isCancelled()) {
            msg = "the module's top level executed more than " + statementLimit + " statements (the statement limit)";
        } else if (e.isSyntaxError()) {
            msg = syntaxMessage(msg);
        } else if (msg.startsWith("Error: Operation is not allowed for: ")) {
            msg = "cannot import \"" + msg.substring("Error: Operation is not allowed for: ".length())
                    + "\": a program is one file; it may not import modules or read files";
        }
        SourceSection s = locate(e);
        if (s != null && s.hasLines()) {
            return new JsLoadException(file, s.getStartLine(), s.getStartColumn(), msg, e);
        }
        return new JsLoadException(file, 0, 0, msg, e);
    }

    /**
     * GraalJS's syntax message is {@code SyntaxError: file:L:C message} with the line and a caret
     * after it, and a column counted from 0: keep the words and the picture, drop its place (the
     * exception gives it, counted from 1).
     */
    private String syntaxMessage(String msg) {
        String prefix = "SyntaxError: " + source.getName() + ":";
        if (msg.startsWith(prefix)) {
            int space = msg.indexOf(' ', prefix.length());
            if (space > 0) {
                msg = "SyntaxError: " + msg.substring(space + 1);
            }
        }
        return msg.stripTrailing();
    }

    /** Whether function {@code i} of {@link #bind}'s list is exported. */
    boolean has(int i) {
        return functions[i] != null;
    }

    int restarts() {
        return restarts;
    }

    Value helpers() {
        return helpers;
    }

    /** The module's exports (of the current context). */
    Value namespace() {
        return namespace;
    }

    /** The maps object handed to the program (a frozen JavaScript object). */
    Value mapsValue() {
        return mapsValue;
    }

    String file() {
        return file;
    }

    /**
     * Calls function {@code fn} with {@code (ctx, maps)} for its verdict: the per-packet path of
     * XDP, tc and netfilter programs. The result must be a number that fits an int.
     *
     * @param expected what the function must return, for the message when it does not
     * @throws JsProgramException when the run fails (the instance is ready for the next call)
     */
    int callInt(int fn, Object ctx, String expected) {
        Value r = run(fn, ctx, null, true);
        if (r.fitsInInt()) {
            return r.asInt();
        }
        throw badResult(fn, JsValues.describe(r), expected);
    }

    /** Calls function {@code fn} with {@code (ctx, maps)}, ignoring its result: tracepoints, probes. */
    void callVoid(int fn, Object ctx) {
        run(fn, ctx, null, false);
    }

    /**
     * Calls function {@code fn} with {@code arguments} followed by the maps, ignoring its result:
     * callbacks with several arguments (congestion control). {@code ctx} is what time and
     * randomness come from.
     */
    void callVoidWith(int fn, Object ctx, Object... arguments) {
        run(fn, ctx, arguments, false);
    }

    /**
     * One run: {@code fn(ctx, maps)}, or {@code fn(...arguments, maps)} when {@code arguments} is
     * not null; the result when {@code result}, else null (no result value is made).
     */
    private Value run(int fn, Object ctx, Object[] arguments, boolean result) {
        Value f = functions[fn];
        if (f == null) {
            throw missing(fn);
        }
        Object[] a;
        if (arguments == null) {
            a = depth == 0 ? args : new Object[2];
            a[0] = ctx;
            a[1] = mapsValue;
        } else {
            a = new Object[arguments.length + 1];
            System.arraycopy(arguments, 0, a, 0, arguments.length);
            a[arguments.length] = mapsValue;
        }
        depth++;
        env.enter(ctx);
        JsInstance outer = watchdog.begin(this);
        PolyglotException failed = null;
        Value r = null;
        try {
            context.resetLimits();
            if (result) {
                r = f.execute(a);
            } else {
                f.executeVoid(a);
            }
        } catch (PolyglotException e) {
            failed = e;
        } finally {
            watchdog.end(outer);
            env.exit();
            a[0] = null;
            depth--;
        }
        if (failed != null) {
            throw failure(failed);
        }
        return r;
    }

    private JsProgramException missing(int fn) {
        return new JsProgramException(JsProgramException.Kind.INTERNAL, file, "function " + functionNames[fn]
                + " is not available: the program does not export it, or its context could not be recreated", null);
    }

    /** The failure for a result that is not what the program type returns. */
    private JsProgramException badResult(int fn, String what, String expected) {
        Value f = functions[fn];
        SourceSection s = f == null ? null : f.getSourceLocation();
        String location = s != null && s.hasLines() ? file + ":" + s.getStartLine() + ":" + s.getStartColumn() : file;
        return new JsProgramException(JsProgramException.Kind.BAD_RESULT, location,
                functionNames[fn] + " returned " + what + "; " + expected, null);
    }

    /**
     * Classifies a failed run, recreates the context if the failure killed it, and describes it.
     * Called after the run has ended for the watchdog, so that it cannot interrupt the restart.
     */
    private JsProgramException failure(PolyglotException e) {
        JsProgramException.Kind kind;
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        // Not the PolyglotException itself: it holds its context, and a failure kept in the
        // program's statistics would keep a dead context (and all it allocated) alive.
        Throwable cause = null;
        boolean restart = false;
        if (e.isInterrupted()) {
            kind = JsProgramException.Kind.INTERRUPTED;
            String why = interruptReason;
            msg = "interrupted by the watchdog: " + (why == null ? "the run was interrupted" : why);
            restart = restartAfterInterrupt;
            interruptReason = null;
            restartAfterInterrupt = false;
        } else if (e.isResourceExhausted() || e.isCancelled()) {
            kind = msg.contains("Statement count limit") ? JsProgramException.Kind.STATEMENT_LIMIT
                    : JsProgramException.Kind.INTERNAL;
            if (kind == JsProgramException.Kind.STATEMENT_LIMIT) {
                msg = "executed more than " + statementLimit + " statements in one run (the program's statement limit)";
            }
            restart = true;
        } else if (e.isInternalError() || e.isExit()) {
            kind = JsProgramException.Kind.INTERNAL;
            restart = true;
        } else if (e.isHostException()) {
            kind = JsProgramException.Kind.HOST_EXCEPTION;
            cause = e.asHostException();
            msg = "a helper threw " + cause;
        } else {
            kind = JsProgramException.Kind.THREW;
        }
        SourceSection s = locate(e);
        String location = s != null && s.hasLines() ? file + ":" + s.getStartLine() + ":" + s.getStartColumn() : file;
        if (restart) {
            msg = msg + restart();
        }
        return new JsProgramException(kind, location, msg, cause);
    }

    /** Where in the program's file the exception happened: its own location, else the first frame in the file. */
    private SourceSection locate(PolyglotException e) {
        SourceSection s = e.getSourceLocation();
        if (s != null && source.getName().equals(s.getSource().getName())) {
            return s;
        }
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            SourceSection fs = f.getSourceLocation();
            if (f.isGuestFrame() && fs != null && source.getName().equals(fs.getSource().getName())) {
                return fs;
            }
        }
        return null;
    }

    /** Replaces a dead context by a fresh one; returns a note for the failure's message. */
    private String restart() {
        close(context);
        try {
            Value ns = open();
            bind(ns, functionNames, mapNames, maps);
            restarts++;
            return " (the program's context was recreated)";
        } catch (RuntimeException e) {
            // The module loaded before; failing now means GraalJS itself is in trouble.
            functions = new Value[functions.length];
            throw new JsProgramException(JsProgramException.Kind.INTERNAL, file,
                    "the program's context died and could not be recreated: " + e.getMessage(), e);
        }
    }

    /**
     * From the watchdog's thread: interrupts the run with sequence number {@code seq} if it is
     * still the one in progress.
     */
    void interrupt(String reason, long seq, boolean restartAfter) {
        Context c = context;
        if (c == null || !watchdog.running(this, seq)) {
            return;
        }
        interruptReason = reason;
        restartAfterInterrupt = restartAfter;
        try {
            c.interrupt(Duration.ofSeconds(2));
        } catch (TimeoutException | RuntimeException e) {
            // The run ended meanwhile, or the context is closing: nothing to interrupt.
        }
    }

    void close() {
        close(context);
        context = null;
    }

    private static void close(Context c) {
        if (c == null) {
            return;
        }
        try {
            c.close(true);
        } catch (RuntimeException e) {
            // already closed or cancelled
        }
    }
}
