// As eval.js, with the Function constructor.
export const type = "xdp";
export function run(ctx) {
    return new Function("return XdpAction.PASS")();
}
