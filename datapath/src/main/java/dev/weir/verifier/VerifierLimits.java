package dev.weir.verifier;

/**
 * Size limits, like the kernel's limits on BPF program size. Straight-line code between budget
 * points is bounded by the method limit; everything else is bounded by the instruction budget.
 *
 * @param maxMethodBytes bytes of bytecode in one method (default 8 KiB)
 * @param maxProgramBytes bytes of bytecode in all methods of all submitted classes (default 64 KiB)
 * @param maxMethods methods in all submitted classes (default 256)
 * @param maxClasses submitted classes, the program class included (default 16)
 */
public record VerifierLimits(int maxMethodBytes, int maxProgramBytes, int maxMethods, int maxClasses) {
    public static final VerifierLimits DEFAULT = new VerifierLimits(8 * 1024, 64 * 1024, 256, 16);

    public VerifierLimits {
        if (maxMethodBytes <= 0 || maxProgramBytes <= 0 || maxMethods <= 0 || maxClasses <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxMethodBytes + ", "
                    + maxProgramBytes + ", " + maxMethods + ", " + maxClasses);
        }
    }
}
