// Writes twenty thousand console lines in one run.
// Contained: the console is a bounded in-memory log (the last 200 lines), not the host's output.
export const type = "xdp";
export function run(ctx) {
    for (let i = 0; i < 20000; i++) {
        console.log("line " + i);
    }
    return XdpAction.PASS;
}
