// Tries to import another file next to it.
// Contained: the context has no file system (IOAccess.NONE): the load fails, naming the import.
import { secret } from "./secret.js";
export const type = "xdp";
export function run(ctx) {
    return secret;
}
