package dev.weir.verifier;

/**
 * One rule broken at one place. Formats as one line of the verifier log:
 *
 * <pre>
 * REJECTED dev.example.Bad.run(Ldev/weir/api/prog/XdpContext;)I line 14 (bytecode 7): allocation in a
 *   program method [no-alloc]: 'new java/util/ArrayList' creates an object on every packet. Programs
 *   must not allocate: ...
 * </pre>
 *
 * (one line in the log; wrapped here). The place is a class, a field or an instruction of a method;
 * {@code line} is the source line from the LineNumberTable (-1 when the class has none) and
 * {@code bci} the bytecode index of the instruction, as {@code javap -c} shows it.
 *
 * @param rule the rule broken
 * @param className binary class name, dotted ({@code dev.example.Bad})
 * @param member method or field name, or null for the class itself
 * @param descriptor the member's JVM descriptor, or null for the class
 * @param field whether the member is a field
 * @param line source line, or -1 when unknown
 * @param bci bytecode index, or -1 for a class, a field or a whole method
 * @param detail what exactly is wrong here, one sentence
 * @param fix how to fix it: the rule's default or a text specific to this case
 */
public record Finding(Rule rule, String className, String member, String descriptor, boolean field,
                      int line, int bci, String detail, String fix) {

    /** The place, e.g. {@code dev.example.Bad.run(I)I line 14 (bytecode 7)}. */
    public String place() {
        StringBuilder sb = new StringBuilder(className);
        if (member != null) {
            sb.append('.').append(member);
            if (field) {
                sb.append(':').append(descriptor).append(" (field)");
            } else {
                sb.append(descriptor);
            }
        }
        if (!field && member != null && (line >= 0 || bci >= 0)) {
            sb.append(" line ").append(line >= 0 ? Integer.toString(line) : "?");
            if (bci >= 0) {
                sb.append(" (bytecode ").append(bci).append(')');
            }
        }
        return sb.toString();
    }

    /** The log line. */
    public String format() {
        return "REJECTED " + place() + ": " + rule.statement() + " [" + rule.id() + "]: " + detail + " " + fix;
    }

    @Override
    public String toString() {
        return format();
    }
}
