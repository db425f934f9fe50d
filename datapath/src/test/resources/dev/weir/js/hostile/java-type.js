// Tries to reach the JVM through GraalJS's Java interop object.
// Contained: there is no Java global (host class lookup is denied and the preamble deletes it);
// the run throws a ReferenceError and ends ABORTED.
export const type = "xdp";
export function run(ctx) {
    const System = Java.type("java.lang.System");
    System.exit(3);
    return XdpAction.PASS;
}
