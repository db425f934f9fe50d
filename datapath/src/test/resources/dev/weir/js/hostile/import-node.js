// Tries to import a Node.js core module.
// Contained: there is no module resolution at all: the load fails, naming the import.
import fs from "fs";
export const type = "xdp";
export function run(ctx) {
    fs.writeFileSync("/tmp/owned", "x");
    return XdpAction.PASS;
}
