package dev.weir.verifier;

/**
 * A program could not be loaded. The message is what a user should read: the compiler's errors
 * ({@code Bad.java:12: error: ...}), the verifier log, or what was wrong with the file; for a
 * rejection {@link #verification()} holds the findings.
 */
public final class ProgramLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why loading stopped. */
    public enum Reason {
        /** The file could not be read, or holds no (single) program class. */
        INPUT,
        /** javac reported errors. */
        COMPILE,
        /** The verifier rejected the program. */
        REJECTED,
        /** Defining, initializing or instantiating the verified program failed, or a map could not be bound. */
        LINK
    }

    private final Reason reason;
    private final transient Verification verification;

    ProgramLoadException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.verification = null;
    }

    ProgramLoadException(Verification verification) {
        super(verification.log());
        this.reason = Reason.REJECTED;
        this.verification = verification;
    }

    public Reason reason() {
        return reason;
    }

    /** The verification of a rejected program, or null. */
    public Verification verification() {
        return verification;
    }
}
