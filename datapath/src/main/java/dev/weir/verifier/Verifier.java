package dev.weir.verifier;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * The Java program verifier: decides whether submitted classes may run as a program, and if not,
 * says where and why in a log a newcomer can act on.
 *
 * <h2>Passes</h2>
 * As ASM splits the generic {@link Analyzer} from the {@link org.objectweb.asm.tree.analysis.Interpreter}
 * that gives it meaning, the verifier is a fixed sequence of generic passes, each running the
 * checks (rules) given to it:
 * <ol>
 *   <li>class pass: each {@link ClassCheck} sees each submitted class (declaration, fields);</li>
 *   <li>method pass, per method: each {@link MethodCheck} sees the declaration (flags, size,
 *       exception handlers); each {@link InstructionCheck} sees each instruction; the call graph
 *       collects the program's calls to its own methods;</li>
 *   <li>flow pass, per method with code: ASM's Analyzer runs the {@link ProgramInterpreter} over
 *       every path, and each {@link FlowCheck} sees each reachable instruction with the frame
 *       (locals and stack) before it;</li>
 *   <li>program pass: each {@link ProgramCheck} sees the whole program (call graph, totals).</li>
 * </ol>
 * Every check reports through {@link MethodScope} or directly as {@link Finding}s; the verifier
 * reports all findings, not only the first, so one round of fixes is enough.
 *
 * <p>A Verifier is immutable and may be shared; {@link #verify} keeps its state on the stack.
 */
public final class Verifier {

    /** A check over one class: its declaration and fields. */
    interface ClassCheck {
        void check(ProgramUnit unit, ClassFile cls, AllowList allowList, List<Finding> out);
    }

    /** A check over one method's declaration: flags, size, exception handlers. */
    interface MethodCheck {
        void check(MethodScope m);
    }

    /** A check of one instruction, without data flow. */
    interface InstructionCheck {
        void check(MethodScope m, AbstractInsnNode insn);
    }

    /** A check of one reachable instruction, with the frame (locals, stack) before it. */
    interface FlowCheck {
        void check(MethodScope m, AbstractInsnNode insn, Frame<ProgramValue> before);
    }

    /** A check over the whole program after the method passes. */
    interface ProgramCheck {
        void check(ProgramUnit unit, CallGraph calls, VerifierLimits limits, List<Finding> out);
    }

    private final VerifierLimits limits;
    private final ApiIndex api = new ApiIndex(Verifier.class.getClassLoader());
    private final List<ClassCheck> classChecks;
    private final List<MethodCheck> methodChecks;
    private final List<InstructionCheck> instructionChecks;
    private final List<FlowCheck> flowChecks;
    private final List<ProgramCheck> programChecks;

    /** A verifier with the default limits. */
    public Verifier() {
        this(VerifierLimits.DEFAULT);
    }

    /** A verifier with these limits and all the rules of {@link Rule}. */
    public Verifier(VerifierLimits limits) {
        this.limits = limits;
        this.classChecks = List.of(new ShapeChecks());
        this.methodChecks = List.of(new DeclarationChecks(limits));
        this.instructionChecks = List.of(new ReferenceChecks());
        this.flowChecks = List.of(new ValueChecks());
        this.programChecks = List.of(CallGraph.RECURSION, new SizeChecks());
    }

    public VerifierLimits limits() {
        return limits;
    }

    /** Verifies a program: all findings (empty if accepted) and the summary. */
    public Verification verify(ProgramUnit unit) {
        List<Finding> out = new ArrayList<>();
        AllowList allowList = new AllowList(unit, api);
        CallGraph calls = new CallGraph();
        for (ClassFile cls : unit.classes()) {
            for (ClassCheck c : classChecks) {
                c.check(unit, cls, allowList, out);
            }
        }
        for (ClassFile cls : unit.classes()) {
            for (MethodNode method : cls.node().methods) {
                MethodScope m = new MethodScope(unit, cls, method, allowList, out);
                for (MethodCheck c : methodChecks) {
                    c.check(m);
                }
                if (method.instructions.size() == 0) {
                    continue;
                }
                for (AbstractInsnNode insn : method.instructions) {
                    if (insn.getOpcode() < 0) {
                        continue;
                    }
                    for (InstructionCheck c : instructionChecks) {
                        c.check(m, insn);
                    }
                    calls.visit(m, insn);
                }
                flow(m, out);
            }
        }
        for (ProgramCheck c : programChecks) {
            c.check(unit, calls, limits, out);
        }
        return new Verification(unit, inOrder(unit, out), ProgramSummary.of(unit));
    }

    /**
     * Findings without repeats (one handler can cover several ranges), in the order of the class
     * files: class, then fields, then methods, each by bytecode index.
     */
    private static List<Finding> inOrder(ProgramUnit unit, List<Finding> findings) {
        List<Finding> unique = new ArrayList<>(new java.util.LinkedHashSet<>(findings));
        List<ClassFile> classes = unit.classes();
        java.util.Map<Finding, long[]> keys = new java.util.HashMap<>();
        for (Finding f : unique) {
            int c = 0;
            while (c < classes.size() && !classes.get(c).binaryName().equals(f.className())) {
                c++;
            }
            int kind = f.member() == null ? 0 : f.field() ? 1 : 2;
            int member = -1;
            if (c < classes.size() && f.member() != null) {
                var node = classes.get(c).node();
                if (f.field()) {
                    for (int i = 0; i < node.fields.size() && member < 0; i++) {
                        if (node.fields.get(i).name.equals(f.member())) {
                            member = i;
                        }
                    }
                } else {
                    for (int i = 0; i < node.methods.size() && member < 0; i++) {
                        if (node.methods.get(i).name.equals(f.member()) && node.methods.get(i).desc.equals(f.descriptor())) {
                            member = i;
                        }
                    }
                }
            }
            keys.put(f, new long[] {c, kind, member, f.bci()});
        }
        unique.sort((a, b) -> java.util.Arrays.compare(keys.get(a), keys.get(b)));
        return unique;
    }

    private void flow(MethodScope m, List<Finding> out) {
        Frame<ProgramValue>[] frames;
        try {
            frames = new Analyzer<>(new ProgramInterpreter()).analyze(m.cls.name(), m.method);
        } catch (AnalyzerException e) {
            m.report(Rule.CLASS_FORMAT, e.node, "the bytecode is not valid: " + messageOf(e) + ".", null);
            return;
        }
        int i = 0;
        for (AbstractInsnNode insn : m.method.instructions) {
            Frame<ProgramValue> before = frames[i++];
            if (before == null || insn.getOpcode() < 0) {
                continue; // unreachable code never runs
            }
            for (FlowCheck c : flowChecks) {
                c.check(m, insn, before);
            }
        }
    }

    private static String messageOf(AnalyzerException e) {
        String msg = e.getMessage();
        int colon = msg == null ? -1 : msg.indexOf(": ");
        return colon >= 0 && msg.startsWith("Error at instruction") ? msg.substring(colon + 2) : String.valueOf(msg);
    }
}
