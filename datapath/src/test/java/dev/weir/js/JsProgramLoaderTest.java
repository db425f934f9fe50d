package dev.weir.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.NetfilterProgram;
import dev.weir.api.prog.ProgramType;
import dev.weir.api.prog.TcProgram;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpProgram;
import dev.weir.maps.MapRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading: the module's form, and every way it can be wrong, reported as {@code file:line:col:
 * message} where the problem has a place in the file and {@code file: message} naming the export
 * otherwise.
 */
class JsProgramLoaderTest {
    private final MapRegistry registry = JsTestSupport.registry();
    private final JsProgramLoader loader = JsTestSupport.loader(registry);

    private String loadError(String text) {
        return loadError("p.js", text);
    }

    private String loadError(String file, String text) {
        int maps = registry.list().size();
        try {
            loader.load(file, text);
        } catch (JsLoadException e) {
            assertThat(registry.list()).as("maps of a failed load are removed").hasSize(maps);
            return e.getMessage();
        }
        throw new AssertionError("loaded: " + text);
    }

    @Test
    void aSyntaxErrorNamesFileLineAndColumnCountedFromOne() {
        JsLoadException e = null;
        try {
            loader.load("progs/syntax-error.js", JsTestSupport.source("syntax-error.js"));
        } catch (JsLoadException x) {
            e = x;
        }
        assertThat(e).isNotNull();
        assertThat(e.getMessage().lines().findFirst().orElseThrow())
                .isEqualTo("progs/syntax-error.js:3:9: SyntaxError: Expected ; but found y");
        assertThat(e.getMessage()).contains("let x y = 3;\n        ^");
        assertThat(e.file()).isEqualTo("progs/syntax-error.js");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(9);
    }

    @Test
    void anExceptionAtTheTopLevelIsPlacedInTheFile() {
        assertThat(loadError("""
                export const type = "xdp";
                const table = null;
                export const first = table.length;
                export function run(ctx) { return XdpAction.PASS; }
                """)).isEqualTo("p.js:3:22: TypeError: Cannot read property 'length' of null");
    }

    @Test
    void theTypeMustBeExportedAndKnown() {
        assertThat(loadError("export function run(ctx) { return 2; }"))
                .isEqualTo("p.js: the module must export its program type, e.g. export const type = \"xdp\"; one of xdp, tc,"
                        + " netfilter, tracepoint, probe, congestion_control");
        assertThat(loadError("export const type = \"socket_filter\"; export function run(ctx) { return 2; }"))
                .isEqualTo("p.js: type \"socket_filter\" is not a program type; one of xdp, tc, netfilter, tracepoint, probe,"
                        + " congestion_control");
        assertThat(loadError("export const type = 7; export function run(ctx) { return 2; }")).contains("got 7");
    }

    @Test
    void typesGoByTheirNameOrTheirLinuxName() {
        for (String t : new String[] {"xdp", "XDP", "tc", "sched_cls", "netfilter", "tracepoint", "probe", "kprobe"}) {
            JsProgram<?> p = loader.load("p.js", "export const type = \"" + t + "\"; export function run(ctx) { return 0; }");
            assertThat(p.type().name().toLowerCase().equals(t.toLowerCase()) || p.type().linuxName().equals(t)).as(t).isTrue();
            assertThat(ProgramType.of(p.program())).isEqualTo(p.type());
            p.close();
        }
    }

    @Test
    void aProgramOfAnotherTypeThanExpectedIsRefused() {
        assertThatThrownBy(() -> loader.load("p.js", "export const type = \"tc\"; export function run(ctx) { return 0; }",
                XdpProgram.class))
                .isInstanceOf(JsLoadException.class)
                .hasMessage("p.js: type: the program is a sched_cls program, but a xdp program was expected here");
        assertThat(loader.load("p.js", "export const type = \"tc\"; export function run(ctx) { return 0; }", TcProgram.class)
                .program()).isInstanceOf(TcProgram.class);
    }

    @Test
    void theRunFunctionMustBeExported() {
        assertThat(loadError("export const type = \"netfilter\";"))
                .isEqualTo("p.js: a netfilter program exports function run(ctx, maps); it exports no run");
        assertThat(loadError("export const type = \"xdp\"; export const run = 2;"))
                .isEqualTo("p.js: a xdp program exports function run(ctx, maps); run is 2");
    }

    @Test
    void theNameIsTheExportOrTheFileName() throws IOException {
        assertThat(loader.load("dir/drop-udp.js", "export const type = \"xdp\"; export function run(ctx) { return 2; }").name())
                .isEqualTo("drop-udp");
        assertThat(loader.load("x.js", "export const type = \"xdp\"; export const name = \"fw_1\"; export function run(ctx) { return 2; }")
                .name()).isEqualTo("fw_1");
        assertThat(loadError("export const type = \"xdp\"; export const name = \"no spaces\"; export function run(ctx) { return 2; }"))
                .isEqualTo("p.js: name \"no spaces\" must be 1..63 characters from [A-Za-z0-9_.-]");
    }

    @Test
    void mapDeclarationsAreCheckedAsMapSpecIs() {
        String head = "export const type = \"xdp\"; export function run(ctx, maps) { return 2; }\nexport const maps = ";
        assertThat(loadError(head + "{ m: { type: \"hash\", keySize: 4, valueSize: 8, maxEntry: 10 } };"))
                .isEqualTo("p.js: maps.m.maxEntry is not a map property; the properties are type, keySize, valueSize, maxEntries,"
                        + " pinned and name");
        assertThat(loadError(head + "{ m: { type: \"btree\", keySize: 4, valueSize: 8, maxEntries: 10 } };"))
                .startsWith("p.js: maps.m.type \"btree\" is not a map type; one of hash, array, prog_array,");
        assertThat(loadError(head + "{ m: { type: \"array\", keySize: 8, valueSize: 8, maxEntries: 10 } };"))
                .isEqualTo("p.js: maps.m: map \"m\" (array): keySize must be 4 (a u32 index), got 8");
        assertThat(loadError(head + "{ m: { type: \"hash\", keySize: \"4\", valueSize: 8, maxEntries: 10 } };"))
                .isEqualTo("p.js: maps.m.keySize must be an integer, got \"4\"");
        assertThat(loadError(head + "{ m: { type: \"hash\", keySize: 4, valueSize: 8 } };"))
                .isEqualTo("p.js: maps.m.maxEntries is missing (the map's capacity; a ring buffer's size in bytes)");
        assertThat(loadError(head + "{ m: 3 };")).startsWith("p.js: maps.m must be an object such as");
        assertThat(loadError(head + "{ a: { type: \"array\", keySize: 4, valueSize: 8, maxEntries: 1, name: \"x\" },"
                + " b: { type: \"array\", keySize: 4, valueSize: 8, maxEntries: 1, name: \"x\" } };"))
                .isEqualTo("p.js: maps.b and maps.a both name the map \"x\"");
    }

    @Test
    void aPinnedMapOfAnotherShapeFailsTheLoadNamingBoth() {
        registry.createOrGet(new MapDef("shared", MapType.HASH, 4, 8, 16));
        assertThat(loadError("export const type = \"xdp\"; export function run(ctx) { return 2; }\n"
                + "export const maps = { s: { type: \"hash\", name: \"shared\", keySize: 4, valueSize: 4, maxEntries: 16, pinned: true } };"))
                .startsWith("p.js: maps.s: map \"shared\" is pinned on test as hash key 4B value 8B max_entries 16, but hash key 4B"
                        + " value 4B max_entries 16 was asked for");
    }

    @Test
    void unpinnedMapsGoAwayWithTheProgramPinnedOnesStay() {
        JsProgram<?> p = loader.load("p.js", "export const type = \"xdp\"; export function run(ctx) { return 2; }\n"
                + "export const maps = { a: { type: \"array\", keySize: 4, valueSize: 8, maxEntries: 1 },"
                + " b: { type: \"array\", keySize: 4, valueSize: 8, maxEntries: 1, pinned: true } };");
        assertThat(registry.list()).hasSize(2);
        p.close();
        assertThat(registry.list()).hasSize(1);
        assertThat(registry.pinned("b")).isNotNull();
    }

    @Test
    void mapsWithoutARegistryAreAnError() {
        assertThatThrownBy(() -> JsProgramLoader.builder().build().load("p.js", "export const type = \"xdp\";"
                + " export function run(ctx) { return 2; } export const maps = { a: { type: \"array\", keySize: 4, valueSize: 8,"
                + " maxEntries: 1 } };"))
                .hasMessage("p.js: maps.a: no map registry was given to the loader (JsProgramLoader.builder().maps(registry))");
    }

    @Test
    void aFileIsLoadedFromDiskUnderItsPath(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("pass.js");
        Files.writeString(f, "export const type = \"netfilter\"; export function run(ctx) { return NfVerdict.ACCEPT; }");
        JsProgram<NetfilterProgram> p = loader.load(f, NetfilterProgram.class);
        assertThat(p.file()).isEqualTo(f.toString());
        assertThat(p.name()).isEqualTo("pass");
        assertThatThrownBy(() -> loader.load(dir.resolve("missing.js")))
                .isInstanceOf(JsLoadException.class)
                .hasMessageStartingWith(dir.resolve("missing.js") + ": cannot read the file: ");
    }

    @Test
    void aRunErrorNamesFileLineAndColumn() {
        JsProgram<XdpProgram> p = loader.load("progs/oops.js", """
                export const type = "xdp";
                export function run(ctx) {
                    const headers = undefined;
                    return headers.eth;
                }
                """, XdpProgram.class);
        assertThat(p.runInt(new TestXdpContext(1).frame(TestXdpContext.udp4(1, 2, 8)))).isEqualTo(XdpAction.ABORTED);
        assertThat(p.stats().lastAbort()).hasMessage("progs/oops.js:4:12: TypeError: Cannot read property 'eth' of undefined");
        assertThatThrownBy(() -> p.program().run(new TestXdpContext(1).frame(TestXdpContext.udp4(1, 2, 8))))
                .isInstanceOf(JsProgramException.class)
                .hasMessage("progs/oops.js:4:12: TypeError: Cannot read property 'eth' of undefined");
    }
}
