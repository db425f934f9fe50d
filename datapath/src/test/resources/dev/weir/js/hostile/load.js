// Tries GraalJS's shell function load() to read and run a file of the host.
// Contained: js.load is off (and there is no file system): ReferenceError, ABORTED.
export const type = "xdp";
export function run(ctx) {
    load("/etc/passwd");
    return XdpAction.PASS;
}
