package dev.weir.api.prog;

/** TEST-ONLY stand-in: a second program interface (a program may implement only one). */
public interface CountLikeProgram {
    void count(XdpLikeContext ctx);
}
