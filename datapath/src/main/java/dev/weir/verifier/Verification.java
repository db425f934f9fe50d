package dev.weir.verifier;

import java.util.List;
import java.util.StringJoiner;

/**
 * The verifier's answer: every finding (none if the program is accepted) and a summary of what
 * was verified.
 */
public final class Verification {
    private final ProgramUnit unit;
    private final List<Finding> findings;
    private final ProgramSummary summary;

    Verification(ProgramUnit unit, List<Finding> findings, ProgramSummary summary) {
        this.unit = unit;
        this.findings = List.copyOf(findings);
        this.summary = summary;
    }

    public boolean accepted() {
        return findings.isEmpty();
    }

    public ProgramUnit unit() {
        return unit;
    }

    public List<Finding> findings() {
        return findings;
    }

    public ProgramSummary summary() {
        return summary;
    }

    /** Whether some finding is of this rule. */
    public boolean broke(Rule rule) {
        return findings.stream().anyMatch(f -> f.rule() == rule);
    }

    /**
     * The verifier log of a rejected program: one line per finding, then a count. Empty for an
     * accepted program.
     */
    public String log() {
        if (accepted()) {
            return "";
        }
        StringJoiner sj = new StringJoiner("\n", "", "\n");
        findings.forEach(f -> sj.add(f.format()));
        sj.add(findings.size() + (findings.size() == 1 ? " problem" : " problems") + " in "
                + unit.program().binaryName() + ": the program was not loaded.");
        return sj.toString();
    }

    @Override
    public String toString() {
        return accepted() ? "ACCEPTED " + unit.program().binaryName() : log();
    }
}
