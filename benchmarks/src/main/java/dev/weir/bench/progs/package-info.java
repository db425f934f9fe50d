/** The programs the hook benchmarks attach (loaded and verified like any). */
package dev.weir.bench.progs;
