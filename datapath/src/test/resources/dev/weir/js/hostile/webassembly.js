// Tries to compile WebAssembly (native-speed code outside the statement limit).
// Contained: WebAssembly is not available (js.webassembly off, no wasm language): ReferenceError, ABORTED.
export const type = "xdp";
export function run(ctx) {
    const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
    new WebAssembly.Module(bytes);
    return XdpAction.PASS;
}
