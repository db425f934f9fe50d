package dev.weir.js;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.maps.KeyValueMap;
import dev.weir.api.maps.ProgramArrayMap;
import dev.weir.api.maps.RingBufMap;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runtime: JIT-compiled under the flags the build passes, one clear warning when it would
 * interpret, the Chrome inspector, and the sandbox's allow-list.
 */
class JsRuntimeTest {

    @Test
    void theTestsRunWithTheGraalCompiler() {
        JsRuntime rt = JsRuntime.shared();
        assertThat(rt.implementationName()).as("Truffle's runtime under surefire's argLine (weir.jvmci.args)")
                .isNotEqualTo("Interpreted");
        assertThat(rt.optimizing()).as("%s", rt.notOptimizingReason()).isTrue();
        assertThat(ModuleLayer.boot().findModule("jdk.graal.compiler")).isPresent();
    }

    @Test
    void aHotProgramGetsCompiled() {
        JsTestSupport.Captured log = new JsTestSupport.Captured();
        // compiling in the foreground may take seconds on a loaded machine: no wall-time limit here
        JsRuntime traced = JsRuntime.builder().engineOption("engine.TraceCompilation", "true")
                .engineOption("engine.BackgroundCompilation", "false").log(log.out).wallTimeLimit(null).build();
        assertThat(traced.optimizing()).isTrue();
        JsProgram<XdpProgram> p = JsProgramLoader.builder().runtime(traced).build().load("hot.js", """
                export const type = "xdp";
                export function run(ctx) { let s = 0; for (let i = 0; i < 14; i++) s += ctx.loadU8(i); return s > 0 ? 2 : 1; }
                """, XdpProgram.class);
        TestXdpContext ctx = new TestXdpContext(1).frame(TestXdpContext.udp4(1, 2, 8));
        for (int i = 0; i < 20_000; i++) {
            assertThat(p.runInt(ctx)).as("%s", p.stats().lastAbort()).isEqualTo(XdpAction.PASS);
        }
        assertThat(log.text()).containsPattern("opt done .*run.*hot\\.js");
    }

    @Test
    void whyItInterpretsIsNamedPrecisely() {
        assertThat(JsRuntime.notOptimizingReason("GraalVM CE", true, true, false)).isNull();
        assertThat(JsRuntime.notOptimizingReason("Interpreted", false, false, false))
                .isEqualTo("the JVM runs without JVMCI (-XX:+EnableJVMCI is missing), so Truffle cannot reach a compiler");
        assertThat(JsRuntime.notOptimizingReason("Interpreted", true, false, false))
                .isEqualTo("the Graal compiler is not on the upgrade module path (module jdk.graal.compiler is missing)");
        assertThat(JsRuntime.notOptimizingReason("GraalVM CE", true, true, true))
                .isEqualTo("compilation was switched off (engine.Compilation=false)");
        assertThat(JsRuntime.notOptimizingReason("Interpreted", true, true, false)).contains("25.0.3");
    }

    @Test
    void anInterpretingRuntimeWarnsOnceSayingWhyAndHowToFixIt() {
        JsTestSupport.Captured out = new JsTestSupport.Captured();
        JsRuntime rt = JsRuntime.builder().engineOption("engine.Compilation", "false").messages(out.out).build();
        assertThat(rt.optimizing()).isFalse();
        JsProgramLoader loader = JsProgramLoader.builder().runtime(rt).build();
        String src = "export const type = \"xdp\"; export function run(ctx) { return XdpAction.PASS; }";
        loader.load("a.js", src);
        loader.load("b.js", src);
        assertThat(out.text()).isEqualTo("weir: WARNING: JavaScript programs will run in the Truffle interpreter, more than ten times"
                + " slower than compiled (1.7 us instead of 170 ns per packet for a small XDP filter), because compilation was switched off (engine.Compilation=false).\n"
                + "  Fix: run Weir with scripts/weir, or add to the java command line:\n"
                + "    -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=datapath/target/jvmci/compiler.jar:"
                + "datapath/target/jvmci/collections.jar:datapath/target/jvmci/word.jar:datapath/target/jvmci/nativeimage.jar:"
                + "datapath/target/jvmci/truffle-compiler.jar\n"
                + "  (the jars are copied there by ./mvnw package -pl datapath -am)\n");
        assertThat(JsRuntime.shared().warnIfInterpreted()).as("a compiling runtime never warns").isFalse();
    }

    @Test
    void theInspectorStartsAndPrintsItsDevToolsUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        JsTestSupport.Captured out = new JsTestSupport.Captured();
        JsRuntime rt = JsRuntime.builder().inspect(port, false).inspectPath("weir-test").messages(out.out).build();
        assertThat(rt.inspectorUrl()).isEqualTo("devtools://devtools/bundled/js_app.html?ws=127.0.0.1:" + port + "/weir-test");
        assertThat(out.text()).contains("weir: JavaScript programs can be inspected in Chrome: open " + rt.inspectorUrl());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            assertThat(s.isConnected()).as("the inspector listens").isTrue();
        }
        JsProgram<XdpProgram> p = JsProgramLoader.builder().runtime(rt).build().load("inspected.js",
                "export const type = \"xdp\"; export function run(ctx) { return XdpAction.DROP; }", XdpProgram.class);
        assertThat(p.runInt(new TestXdpContext(1).frame(TestXdpContext.udp4(1, 2, 8)))).isEqualTo(XdpAction.DROP);
    }

    @Test
    void theAllowListIsTheProgramApiWithoutUserSpaceOperations() throws NoSuchMethodException {
        List<Method> allowed = JsRuntime.shared().sandbox().allowedMethods();
        assertThat(allowed).contains(XdpContext.class.getMethod("len"), dev.weir.api.prog.PacketReader.class.getMethod("loadU8", int.class),
                dev.weir.api.prog.Helpers.class.getMethod("ktimeNs"), dev.weir.api.maps.HashMap.class.getMethod("lookupLong", long.class, long.class),
                RingBufMap.class.getMethod("reserve", int.class), dev.weir.api.prog.TcpSock.class.getMethod("renoCongAvoid", int.class, int.class),
                dev.weir.api.prog.TraceContext.KfreeSkb.class.getMethod("reason"));
        assertThat(allowed).doesNotContain(KeyValueMap.class.getMethod("getNextKey", byte[].class, int.class, byte[].class, int.class),
                KeyValueMap.class.getMethod("size"), ProgramArrayMap.class.getMethod("set", int.class, Object.class),
                RingBufMap.class.getMethod("consume", dev.weir.api.maps.RecordConsumer.class));
        for (Method m : allowed) {
            assertThat(m.getDeclaringClass().getName()).as("%s", m).matches("dev\\.weir\\.api\\..*|java\\.lang\\.Enum");
            assertThat(m.getName()).isNotIn("getClass", "hashCode", "equals", "toString", "wait", "notify", "notifyAll");
        }
    }
}
