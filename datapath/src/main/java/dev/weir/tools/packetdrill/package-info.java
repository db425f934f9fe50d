/**
 * The front half of Weir's packetdrill-compatible conformance runner: the script language, the
 * {@code %{ }%} evaluator and the rules the runner applies when it executes a script against a
 * simulated host. Nothing here touches the stack; the runner that does lives beside it.
 *
 * <h2>From text to a script</h2>
 * {@link dev.weir.tools.packetdrill.ScriptParser} reads a script (packetdrill's grammar, all of
 * Linux's 162 TCP scripts included) into a {@link dev.weir.tools.packetdrill.Script}: option
 * lines, set-up commands, {@link dev.weir.tools.packetdrill.Event}s (line, {@link
 * dev.weir.tools.packetdrill.TimeSpec}, {@link dev.weir.tools.packetdrill.Action}) and a clean-up
 * command. Parsing accepts everything the language can say, including what Weir will not
 * implement (Fast Open, zerocopy, timestamping, MD5, splice...): those are reported when the
 * script runs, not when it is read. Malformed text is a {@link
 * dev.weir.tools.packetdrill.ScriptSyntaxException} naming file, line, column and what was expected.
 *
 * <h2>What the runner does with a script</h2>
 * <ol>
 *   <li><b>Check it can.</b> {@link dev.weir.tools.packetdrill.FeatureScan} lists the features
 *       the script uses (system calls, socket options, flags, TCP options, ICMP messages,
 *       TCP_INFO fields, commands); the first one the runner or stack lacks makes the result
 *       UNSUPPORTED, naming it, before anything runs. {@link
 *       dev.weir.tools.packetdrill.Timing#checkScriptTimes} rejects scripts packetdrill rejects.
 *   <li><b>Build the host.</b> One simulated host with packetdrill's addresses (192.168.0.1 local,
 *       192.0.2.1 remote; fd3d:a0b:17d6::1 and fd3d:fa7b:d17d::1), the options applied
 *       ({@code --mss}, {@code --local_ip}, {@code --tolerance_usecs}...), then {@link
 *       dev.weir.tools.packetdrill.LinuxDefaults#setup}: the suite's {@code defaults.sh} read (not
 *       run) and the script's own settings, applied as sysctls; other set-up commands
 *       ({@code ip route}, {@code tc}, {@code ethtool}) go to Weir's commands of the same syntax.
 *   <li><b>Play the events in virtual time.</b> Each event's time is resolved with {@link
 *       dev.weir.tools.packetdrill.Timing#startOf} (relative times count from when the previous
 *       event completed, consecutive inbound packets from each other). The runner advances the
 *       clock to it and: makes the system call on the socket under test and compares the result
 *       and errno (a blocking call, {@code ...end}, must return at its end time); injects a
 *       {@link dev.weir.tools.packetdrill.Action.PacketIn} with its numbers mapped by {@link
 *       dev.weir.tools.packetdrill.SeqSpace} and its TS ecr by {@link
 *       dev.weir.tools.packetdrill.TsValMap}; waits for the stack to send the packet of a {@link
 *       dev.weir.tools.packetdrill.Action.PacketOut}, maps it back to script numbers, compares
 *       flags, sequence, ack, window (if written), options exactly and in order (unless
 *       {@code <...>}), ECN/TOS bits, and its time with {@link
 *       dev.weir.tools.packetdrill.Timing#verify}; without {@code --strict_segments}, one scripted
 *       segment may match back-to-back segments that add up to it, as TSO would send it;
 *       snapshots TCP_INFO for a {@link dev.weir.tools.packetdrill.Action.Python} block and runs
 *       it in the script's {@link dev.weir.tools.packetdrill.PythonSession}; runs a timed
 *       {@link dev.weir.tools.packetdrill.Action.Command} through Weir's commands.
 *   <li><b>Report.</b> PASS when every event matched; FAIL at the first mismatch, with the
 *       script line and packetdrill-style text ({@code timing error: expected outbound packet at
 *       0.100000 sec but happened at 0.120000 sec; tolerance 0.012500 sec}, {@code line 23:
 *       assert failed: tcpi_snd_cwnd == 10 (tcpi_snd_cwnd = 12)}); UNSUPPORTED naming the
 *       feature. As in packetdrill, a packet the stack sends
 *       that the script did not expect is compared with the next outbound line and fails it.
 * </ol>
 *
 * <h2>The Python subset</h2>
 * {@link dev.weir.tools.packetdrill.PythonBlock} reads a block as the subset of Python the
 * scripts use (asserts, assignments, arithmetic and comparisons, string formatting, a few
 * builtins); {@link dev.weir.tools.packetdrill.PythonSession} runs blocks in order with
 * variables kept between them, as packetdrill's single Python process does. Every block in the
 * Linux suite is in the subset; any other is reported UNSUPPORTED with the construct named.
 */
package dev.weir.tools.packetdrill;
