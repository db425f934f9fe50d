package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: contained
// No recursion, but 2^24 calls: the budget charges each call.
// run: 1 -> aborted
public final class CallFanOut implements XdpProgram {
    private static int f0(int x) { return x + 1; }
    private static int f1(int x) { return f0(x) + f0(x); }
    private static int f2(int x) { return f1(x) + f1(x); }
    private static int f3(int x) { return f2(x) + f2(x); }
    private static int f4(int x) { return f3(x) + f3(x); }
    private static int f5(int x) { return f4(x) + f4(x); }
    private static int f6(int x) { return f5(x) + f5(x); }
    private static int f7(int x) { return f6(x) + f6(x); }
    private static int f8(int x) { return f7(x) + f7(x); }
    private static int f9(int x) { return f8(x) + f8(x); }
    private static int f10(int x) { return f9(x) + f9(x); }
    private static int f11(int x) { return f10(x) + f10(x); }
    private static int f12(int x) { return f11(x) + f11(x); }
    private static int f13(int x) { return f12(x) + f12(x); }
    private static int f14(int x) { return f13(x) + f13(x); }
    private static int f15(int x) { return f14(x) + f14(x); }
    private static int f16(int x) { return f15(x) + f15(x); }
    private static int f17(int x) { return f16(x) + f16(x); }
    private static int f18(int x) { return f17(x) + f17(x); }
    private static int f19(int x) { return f18(x) + f18(x); }
    private static int f20(int x) { return f19(x) + f19(x); }
    private static int f21(int x) { return f20(x) + f20(x); }
    private static int f22(int x) { return f21(x) + f21(x); }
    private static int f23(int x) { return f22(x) + f22(x); }
    private static int f24(int x) { return f23(x) + f23(x); }

    public int run(XdpContext ctx) {
        return f24(ctx.len());
    }
}
