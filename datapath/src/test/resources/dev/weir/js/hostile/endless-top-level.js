// Loops forever while the module loads.
// Contained: the statement limit applies to the top level too; the load fails with a message.
export const type = "xdp";
while (true) { }
export function run(ctx) { return XdpAction.PASS; }
