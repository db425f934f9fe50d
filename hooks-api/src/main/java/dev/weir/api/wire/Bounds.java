package dev.weir.api.wire;

/** Range checks shared by the views' {@code wrap} methods. */
final class Bounds {
    private Bounds() {}

    /**
     * True unless {@code [off, off + len)} lies inside {@code buf}. Written so that no overflow of
     * {@code off + len} can let a bad range through: wrap receives whatever a caller passes.
     */
    static boolean outside(byte[] buf, int off, int len) {
        return buf == null || off < 0 || len < 0 || off > buf.length - len;
    }
}
