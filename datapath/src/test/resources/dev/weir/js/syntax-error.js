export const type = "xdp";
export function run(ctx) {
  let x y = 3;
  return XdpAction.PASS;
}
