package dev.weir.js;

/**
 * What the program adapters share: the instance they call, and how a verdict-returning program's
 * result is checked. Each adapter implements one program interface of {@code dev.weir.api.prog},
 * so an attach point holds a JavaScript program exactly as it holds a Java one, in a field of that
 * interface type; a failed run throws {@link JsProgramException} to the run wrapper, which ends
 * it with the type's abort verdict, as it does for a Java program that throws.
 */
abstract class JsAdapter {
    static final String[] RUN = {"run"};

    final JsInstance js;

    JsAdapter(JsInstance js) {
        this.js = js;
    }

    /** Runs a verdict program (0 for the observing types); for {@link JsProgram#runInt}. */
    abstract int invoke(Object ctx);
}
