package dev.weir.api.prog;

/** TEST-ONLY stand-in for a program context: packet bytes, scratch, helpers. */
public interface XdpLikeContext {
    int length();

    int loadByte(int offset);

    /** 512 bytes of per-run scratch memory. */
    byte[] scratch();

    long timeNs();

    long random();

    void tracePrint(String format, long a);
}
