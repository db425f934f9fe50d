package dev.weir.route;

/**
 * A routing or address change the "kernel" refused, as an RTNETLINK error: an errno and, where
 * Linux attaches one, the extended-ack message. iproute2 prints it as
 * {@code Error: <extack>.} when there is a message and {@code RTNETLINK answers: <strerror>}
 * otherwise; {@link #ipMessage()} gives that text.
 */
public final class RtnlException extends RuntimeException {
    private final int errno;
    private final String extack;

    /**
     * @param errno positive errno ({@link Errno})
     * @param extack Linux's extended-ack text without the final period, or null
     */
    public RtnlException(int errno, String extack) {
        super(extack != null ? extack + " (" + Errno.name(errno) + ")" : Errno.message(errno));
        this.errno = Math.abs(errno);
        this.extack = extack;
    }

    public int errno() {
        return errno;
    }

    /** The extended-ack text, or null. */
    public String extack() {
        return extack;
    }

    /** What iproute2 prints on stderr for this error. */
    public String ipMessage() {
        if (extack != null) {
            return "Error: " + extack + (extack.endsWith(".") ? "" : ".");
        }
        return "RTNETLINK answers: " + Errno.message(errno);
    }
}
