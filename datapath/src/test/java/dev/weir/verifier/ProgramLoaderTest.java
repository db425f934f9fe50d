package dev.weir.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.ProgramType;
import dev.weir.maps.CpuContext;
import dev.weir.maps.MapRegistry;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;
import java.io.OutputStream;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading from class files, jars and source; hidden-class definition; map binding; the loader's own wall. */
class ProgramLoaderTest {
    private static Map<String, byte[]> compile(String name) {
        return Corpus.compile(Corpus.byName(name));
    }

    private static Path jar(Path dir, Map<String, byte[]> classes) throws Exception {
        Path jar = dir.resolve("programs.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey() + ".class"));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void aJarWithOneProgramLoadsItWithItsNestedClasses(@TempDir Path dir) throws Exception {
        Map<String, byte[]> classes = new LinkedHashMap<>(compile("Helpers"));
        classes.put("dev/example/Shared", compile("OtherClassStatic").get("dev/example/Shared")); // not a program
        LoadedProgram<?> p = Corpus.loader().load(jar(dir, classes), null);
        assertThat(p.name()).isEqualTo("Helpers");
        assertThat(p.summary().classes()).isEqualTo(2);
        assertThat(Corpus.run(p, 3)).isEqualTo(26);
    }

    @Test
    void aJarWithSeveralProgramsNeedsTheClassName(@TempDir Path dir) throws Exception {
        Map<String, byte[]> classes = new LinkedHashMap<>(compile("Helpers"));
        classes.putAll(compile("LoopSum"));
        Path jar = jar(dir, classes);
        assertThatThrownBy(() -> Corpus.loader().load(jar, null))
                .isInstanceOfSatisfying(ProgramLoadException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProgramLoadException.Reason.INPUT))
                .hasMessageContaining("2 classes implement a program interface (dev.example.Helpers, dev.example.LoopSum);"
                        + " name the one to load");
        LoadedProgram<?> loopSum = Corpus.loader().load(jar, "dev.example.LoopSum");
        assertThat(Corpus.run(loopSum, 4)).isEqualTo(6);
        assertThatThrownBy(() -> Corpus.loader().load(jar, "dev.example.Nope")).hasMessageContaining("no class dev.example.Nope");
    }

    @Test
    void aClassFileIsLoadedWithTheNestedClassFilesBesideIt(@TempDir Path dir) throws Exception {
        for (Map.Entry<String, byte[]> e : compile("Helpers").entrySet()) {
            Files.write(dir.resolve(e.getKey().substring(e.getKey().lastIndexOf('/') + 1) + ".class"), e.getValue());
        }
        LoadedProgram<?> p = Corpus.loader().load(dir.resolve("Helpers.class"), null);
        assertThat(p.summary().classes()).isEqualTo(2);
        assertThat(Corpus.run(p, 3)).isEqualTo(26);
    }

    @Test
    void aSourceFileIsCompiledAndLoaded() {
        LoadedProgram<?> p = Corpus.loader().load(Corpus.byName("IntSwitch").file(), null);
        assertThat(p.type()).isEqualTo(ProgramType.XDP);
        assertThat(p.programInterface()).isSameAs(XdpProgram.class);
        assertThat(Corpus.run(p, 2)).isEqualTo(20);
    }

    @Test
    void theProgramIsOneInstanceOfAFinalHiddenClassCalledThroughItsInterface() throws Exception {
        LoadedProgram<XdpProgram> p = Corpus.loader().load(Corpus.byName("LoopSum").file(), null)
                .as(XdpProgram.class);
        XdpProgram program = p.program();
        assertThat(p.program()).isSameAs(program).isSameAs(p.runner().program());
        Class<?> c = program.getClass();
        assertThat(c).isSameAs(p.programClass());
        assertThat(c.isHidden()).isTrue();
        assertThat(c.getName()).startsWith("dev.example.LoopSum/");
        assertThat(Modifier.isFinal(c.getModifiers())).isTrue();
        assertThat(c.getInterfaces()).containsExactly(XdpProgram.class);
        // The interface call lands in the program's own method: no proxy, no adapter in between.
        assertThat(c.getMethod("run", XdpContext.class).getDeclaringClass()).isSameAs(c);
        assertThat(program.getClass().getClassLoader()).isInstanceOf(ProgramClassLoader.class);
        // A stable receiver: a final field of the interface type, as an attach point holds it.
        final class Hook {
            final XdpProgram prog = program;

            int receive(XdpContext ctx) {
                long token = p.runner().begin();
                try {
                    int v = prog.run(ctx);
                    p.runner().end(token, 0);
                    return v;
                } catch (Throwable t) {
                    p.runner().abort(token, 0, t);
                    return -1;
                }
            }
        }
        Hook hook = new Hook();
        for (int i = 0; i < 1000; i++) {
            assertThat(hook.receive(TestContext.ofLength(4))).isEqualTo(6);
        }
        assertThat(p.stats().runs()).isEqualTo(1000);
    }

    @Test
    void hiddenProgramClassesHaveNoNameAndSeeOnlyTheAllowList() {
        LoadedProgram<?> p = Corpus.loader().load(Corpus.byName("Helpers").file(), null);
        ClassLoader loader = p.programClass().getClassLoader();
        assertThatThrownBy(() -> Class.forName("dev.example.Helpers", false, loader))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> loader.loadClass("java.lang.Runtime")).isInstanceOf(ClassNotFoundException.class)
                .hasMessageContaining("not available to programs");
        assertThatThrownBy(() -> loader.loadClass("dev.weir.verifier.ProgramLoader"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(p.summary().classes()).isEqualTo(2);
    }

    @Test
    void mapFieldsAreBoundBeforeTheFirstRun() {
        MapRegistry registry = new MapRegistry("test", CpuContext.settable(1));
        LoadedProgram<?> p = Corpus.loader().withMaps(registry).load(Corpus.byName("MapCounter").file(), null);
        assertThat(p.maps()).hasSize(1);
        LoadedProgram.BoundMap m = p.maps().get(0);
        assertThat(m.declaration().name()).isEqualTo("per_length");
        assertThat(m.declaration().field()).isEqualTo("counts");
        assertThat(m.declaration().def().type()).isEqualTo(MapType.HASH);
        assertThat(m.declaration().def().maxEntries()).isEqualTo(64);
        assertThat(m.declaration().pinned()).isFalse();
        assertThat(registry.list()).containsExactly((dev.weir.maps.MapImpl) m.map());
        assertThat(registry.pinned("per_length")).isNull();
        Corpus.run(p, 3);
        Corpus.run(p, 3);
        assertThat(((HashMap) m.map()).lookupLong(3, -1)).isEqualTo(2);
    }

    @Test
    void pinnedMapsAreSharedByNameAcrossLoads() {
        MapRegistry registry = new MapRegistry("test", CpuContext.settable(1));
        ProgramLoader loader = Corpus.loader().withMaps(registry);
        LoadedProgram<?> first = loader.load(Corpus.byName("PinnedCounter").file(), null);
        LoadedProgram<?> second = loader.load(Corpus.byName("PinnedCounter").file(), null);
        assertThat(second.maps().get(0).map()).isSameAs(first.maps().get(0).map()).isSameAs(registry.pinned("pkts"));
        assertThat(first.name()).isEqualTo("count_pkts"); // from @ProgramInfo
        Corpus.run(first, 3);
        Corpus.run(second, 3);
        assertThat(((dev.weir.api.maps.PerCpuArrayMap) registry.pinned("pkts")).sumLong(0)).isEqualTo(2);
    }

    @Test
    void aProgramWithMapsNeedsARegistry() {
        assertThatThrownBy(() -> new ProgramLoader().load(Corpus.byName("MapCounter").file(), null))
                .isInstanceOfSatisfying(ProgramLoadException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProgramLoadException.Reason.LINK))
                .hasMessageContaining("cannot bind map 'per_length' (field counts): no map registry was given");
    }

    @Test
    void aStaticInitializerThatNeverEndsIsStoppedByTheBudget() {
        String source = """
                package dev.example;

                import dev.weir.api.prog.*;

                public final class SlowInit implements XdpProgram {
                    static final int SEED;

                    static {
                        int s = 1;
                        while (s != 0) {
                            s = s * 3 + 1;
                        }
                        SEED = s;
                    }

                    public int run(XdpContext ctx) {
                        return SEED;
                    }
                }
                """;
        assertThatThrownBy(() -> Corpus.loader().loadSource("SlowInit.java", source))
                .isInstanceOfSatisfying(ProgramLoadException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProgramLoadException.Reason.LINK))
                .hasMessageContaining("dev.example.SlowInit: cannot define the program: its static initializer or"
                        + " constructor used up the budget of 1000000 units");
    }

    @Test
    void aRejectedProgramIsNotLoadedAndTheExceptionCarriesTheLog() {
        assertThatThrownBy(() -> Corpus.loader().load(Corpus.byName("NewObject").file(), null))
                .isInstanceOfSatisfying(ProgramLoadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ProgramLoadException.Reason.REJECTED);
                    assertThat(e.verification().broke(Rule.NO_ALLOC)).isTrue();
                    assertThat(e.getMessage()).isEqualTo(e.verification().log());
                });
    }

    @Test
    void unknownFilesAreRefused(@TempDir Path dir) throws Exception {
        Path txt = dir.resolve("prog.txt");
        try (OutputStream out = Files.newOutputStream(txt)) {
            out.write(1);
        }
        assertThatThrownBy(() -> Corpus.loader().load(txt, null)).hasMessageContaining("not a program file");
        assertThatThrownBy(() -> Corpus.loader().load(dir.resolve("Missing.class"), null))
                .hasMessageContaining("Missing.class: cannot read");
    }
}
