package dev.weir.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** weir prog verify and weir prog dump: output and exit codes. */
class ProgramCommandsTest {
    private final ProgramCommands commands = new ProgramCommands(Corpus.loader());

    @Test
    void verifyPrintsTheSummaryOfAnAcceptedProgram() {
        ProgramCommands.Result r = commands.verify(Corpus.byName("MapCounter").file());
        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).startsWith("ACCEPTED dev.example.MapCounter\n")
                .contains("  name:         MapCounter\n  type:         xdp (dev.weir.api.prog.XdpProgram)\n")
                .contains("  classes:      1\n  methods:      2\n")
                .contains("  maps:         1:\n    per_length: hash key 8B value 8B max_entries 64"
                        + " (field counts, dev.weir.api.maps.HashMap)\n")
                .containsPattern("  budget points: \\d+ inserted \\(0 loop heads, \\d+ calls\\); budget 1000000 units per run\n")
                .containsPattern("  max stack: +\\d+\n");
    }

    @Test
    void verifyPrintsTheLogOfARejectedProgramAndExitsOne() {
        ProgramCommands.Result r = commands.verify(Corpus.byName("NewObject").file());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).startsWith("REJECTED dev.example.NewObject.run(").contains("[no-alloc]")
                .endsWith("1 problem in dev.example.NewObject: the program was not loaded.\n");
    }

    @Test
    void verifyReportsCompileErrorsAndUnusableFilesWithExitTwo(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("Bad.java");
        Files.writeString(bad, "package dev.example;\npublic final class Bad {\n    int x() { return y; }\n}\n");
        ProgramCommands.Result r = commands.verify(bad);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output()).startsWith(bad + ":3: error: cannot find symbol\n");
        assertThat(commands.verify(dir.resolve("none.class")).exitCode()).isEqualTo(2);
        assertThat(commands.verify(dir.resolve("x.txt")).output()).contains("not a program file");
    }

    @Test
    void dumpListsInstructionsWithBytecodeIndexesLinesAndTheBudgetPoints() {
        ProgramCommands.Result r = commands.dump(Corpus.byName("LoopSum").file());
        assertThat(r.exitCode()).isZero();
        String out = r.output();
        assertThat(out).startsWith("; dev.example.LoopSum (xdp program) as loaded: lines marked B are the"
                + " instruction budget the loader inserted\n");
        assertThat(out).contains("\ndev.example.LoopSum.run(Ldev/weir/api/prog/XdpContext;)I:  ; max stack ")
                .contains("; line 12\n").contains("; line 13\n").contains("; line 14\n")
                .containsPattern("\nB +\\d+: bipush 12 +; budget point: loop head, 12 units\n"
                        + "B +\\d+: invokestatic dev/weir/verifier/Budget.charge\\(I\\)V\n")
                .containsPattern("\nB +\\d+: iconst_1 +; budget point: call, 1 unit\n")
                .containsPattern("\n +\\d+: invokeinterface dev/weir/api/prog/XdpContext.loadU8\\(I\\)I\n");
    }

    @Test
    void theDumpsBytecodeIndexesAreThoseOfTheInstrumentedClass() {
        ProgramLoader loader = Corpus.loader();
        ProgramUnit unit = loader.read(Corpus.byName("IntSwitch").file(), null);
        Instrumenter.Result inst = Instrumenter.instrument(unit);
        Javap.Method javap = Javap.read(inst.classes().get("dev/example/IntSwitch"))
                .get("run(Ldev/weir/api/prog/XdpContext;)I");
        String out = commands.dump(Corpus.byName("IntSwitch").file()).output();
        String run = out.substring(out.indexOf("IntSwitch.run("));
        run = run.contains("\n\n") ? run.substring(0, run.indexOf("\n\n")) : run;
        List<Integer> printed = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^[B ] +(\\d+): ").matcher(run);
        while (m.find()) {
            printed.add(Integer.parseInt(m.group(1)));
        }
        assertThat(printed).containsExactlyElementsOf(javap.offsets());
        assertThat(run).contains("tableswitch {").contains("lookupswitch {");
    }

    @Test
    void dumpOfARejectedProgramShowsWhyUnderTheRefusedInstruction() {
        ProgramCommands.Result r = commands.dump(Corpus.byName("NewObject").file());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).contains("As submitted (not loaded):")
                .containsPattern("\n +0: new java/lang/Object\n +; REJECTED \\[no-alloc\\]: 'new java/lang/Object'"
                        + " creates an object on every run \\(every packet\\)\\.\n");
    }
}
