// Lists every global of its context into the console, so the test can check that nothing
// beyond ECMAScript, console and the API's constants is there.
export const type = "xdp";
export function run(ctx) {
    console.log(Object.getOwnPropertyNames(globalThis).sort().join(","));
    return XdpAction.PASS;
}
