// Tries SharedArrayBuffer and a blocking Atomics.wait (which would hang the simulation thread).
// Contained: SharedArrayBuffer is off and agents may not block; every probe fails; the program
// passes the packet.
export const type = "xdp";
export function run(ctx) {
    let reached = 0;
    try { new SharedArrayBuffer(8); reached++; } catch (e) { }
    try { Atomics.wait(new Int32Array(new ArrayBuffer(8)), 0, 0, 100000); reached++; } catch (e) { }
    return reached === 0 ? XdpAction.PASS : XdpAction.DROP;
}
