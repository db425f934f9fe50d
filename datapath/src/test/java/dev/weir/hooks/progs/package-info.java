/**
 * Programs the hooks tests load: each a top-level class (a nested one would bring its test class
 * along as a nest member), verified and loaded like a user's, using only hooks-api.
 */
package dev.weir.hooks.progs;
