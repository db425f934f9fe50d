package dev.weir.verifier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * The calls among a program's own methods, collected during the method pass, and the rule that
 * it has no cycle (no-recursion): without recursion the call depth is bounded by the number of
 * methods, so a program cannot overflow the stack of the thread that runs the network.
 *
 * <p>A call to a submitted class is an edge to the method that declares it there (the owner or a
 * submitted superclass); a call through the program's interface is an edge to the program's own
 * implementation. Other calls into dev.weir.api do not come back into the program: it cannot
 * construct an object the API could call back. (A program that passes {@code this} to an API
 * method that calls it is not caught here; the stack overflow it would cause ends the run as
 * ABORTED.)
 */
final class CallGraph {
    /** A call site: the caller, where the call is, and the callee. */
    record Call(String caller, String callee, String className, String method, String desc, int line, int bci) {
    }

    static final Verifier.ProgramCheck RECURSION = (unit, calls, limits, out) -> calls.findCycles(out);

    private final Map<String, List<Call>> calls = new LinkedHashMap<>();

    static String key(String owner, String name, String desc) {
        return owner + "." + name + desc;
    }

    /** Records the instruction if it calls one of the program's own methods. */
    void visit(MethodScope m, AbstractInsnNode insn) {
        String caller = key(m.cls.name(), m.method.name, m.method.desc);
        calls.computeIfAbsent(caller, k -> new ArrayList<>());
        if (!(insn instanceof MethodInsnNode mi)) {
            return;
        }
        ClassFile declaring = m.unit.declaringClass(mi.owner, mi.name, mi.desc);
        if (declaring == null && m.unit.program().node().interfaces.contains(mi.owner)) {
            // A call through the program interface (((XdpProgram) this).run(ctx)) reaches the
            // program's own implementation: the only instance of that interface a program can hold.
            declaring = m.unit.declaringClass(m.unit.program().name(), mi.name, mi.desc);
        }
        if (declaring == null) {
            return;
        }
        calls.get(caller).add(new Call(caller, key(declaring.name(), mi.name, mi.desc), m.cls.binaryName(),
                m.method.name, m.method.desc, m.line(insn), m.bci(insn)));
    }

    /** The calls a method makes to the program's own methods. */
    List<Call> callsFrom(String method) {
        return calls.getOrDefault(method, List.of());
    }

    /** Reports one finding per cycle (strongly connected component with a cycle), at its first call. */
    void findCycles(List<Finding> out) {
        for (List<String> scc : stronglyConnected()) {
            String start = scc.get(0);
            List<Call> path = cycleFrom(start, scc);
            if (path == null) {
                continue;
            }
            Call first = path.get(0);
            StringBuilder chain = new StringBuilder(display(start));
            for (Call c : path) {
                chain.append(" -> ").append(display(c.callee()));
            }
            out.add(new Finding(Rule.NO_RECURSION, first.className(), first.method(), first.desc(), false,
                    first.line(), first.bci(), (path.size() == 1 ? "the method calls itself: " : "mutual recursion: ")
                            + chain + ".", Rule.NO_RECURSION.fix()));
        }
    }

    private static String display(String key) {
        int paren = key.indexOf('(');
        String ownerAndName = key.substring(0, paren);
        int dot = ownerAndName.lastIndexOf('.');
        String owner = ownerAndName.substring(0, dot);
        return owner.substring(owner.lastIndexOf('/') + 1) + "." + ownerAndName.substring(dot + 1) + "()";
    }

    /** A path of calls inside {@code scc} from {@code start} back to it, or null (a single node without a self call). */
    private List<Call> cycleFrom(String start, List<String> scc) {
        Deque<List<Call>> queue = new ArrayDeque<>();
        Map<String, Boolean> seen = new HashMap<>();
        queue.add(List.of());
        while (!queue.isEmpty()) {
            List<Call> path = queue.poll();
            String at = path.isEmpty() ? start : path.get(path.size() - 1).callee();
            for (Call c : callsFrom(at)) {
                if (!scc.contains(c.callee())) {
                    continue;
                }
                List<Call> next = new ArrayList<>(path);
                next.add(c);
                if (c.callee().equals(start)) {
                    return next;
                }
                if (seen.putIfAbsent(c.callee(), true) == null) {
                    queue.add(next);
                }
            }
        }
        return null;
    }

    /** Tarjan's algorithm, iterative; components in discovery order, each in discovery order. */
    private List<List<String>> stronglyConnected() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        java.util.Set<String> onStack = new java.util.HashSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String root : calls.keySet()) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<Object[]> work = new ArrayDeque<>(); // {node, next edge index}
            work.push(new Object[] {root, 0});
            index.put(root, counter[0]);
            low.put(root, counter[0]++);
            stack.push(root);
            onStack.add(root);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String v = (String) frame[0];
                List<Call> edges = callsFrom(v);
                int i = (Integer) frame[1];
                if (i < edges.size()) {
                    frame[1] = i + 1;
                    String w = edges.get(i).callee();
                    if (!index.containsKey(w)) {
                        index.put(w, counter[0]);
                        low.put(w, counter[0]++);
                        stack.push(w);
                        onStack.add(w);
                        work.push(new Object[] {w, 0});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = (String) work.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    List<String> scc = new ArrayList<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        scc.add(0, w);
                    } while (!w.equals(v));
                    scc.sort((a, b) -> Integer.compare(index.get(a), index.get(b)));
                    out.add(scc);
                }
            }
        }
        out.sort((a, b) -> Integer.compare(index.get(a.get(0)), index.get(b.get(0))));
        return out;
    }
}
