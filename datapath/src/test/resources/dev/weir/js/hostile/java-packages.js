// Tries the Nashorn-style package globals and Packages to name a Java class.
// Contained: js.java-package-globals is off; every probe fails, so the program passes the packet.
export const type = "xdp";
export function run(ctx) {
    const probes = [
        () => java.lang.Runtime.getRuntime(),
        () => Packages.java.lang.System,
        () => javax.script,
        () => globalThis["Java"].type("java.io.File"),
    ];
    let reached = 0;
    for (const p of probes) {
        try { if (p() !== undefined) reached++; } catch (e) { /* expected */ }
    }
    return reached === 0 ? XdpAction.PASS : XdpAction.DROP;
}
