package dev.weir.api.prog;

/**
 * TEST-ONLY stand-in for the XDP program interface, until hooks-api's dev.weir.api.prog lands
 * (branch maps). The verifier treats any interface of dev.weir.api.prog named *Program as a
 * program interface.
 */
public interface XdpLikeProgram {
    int run(XdpLikeContext ctx);
}
