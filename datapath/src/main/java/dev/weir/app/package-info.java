/**
 * Applications that run on simulated hosts, event-driven inside the simulation, made from a
 * command line by {@link dev.weir.app.Apps} and printing through a {@link dev.weir.app.LineSink}:
 *
 * <ul>
 *   <li>{@code ping} / {@code ping6} ({@link dev.weir.app.PingApp}): iputils 20221126's output,
 *       line for line ({@code ping -c 4 -i 0.2 -s 1400 -t 5 -W 2 -w 10 -q -I eth0 -M do
 *       10.0.2.2});
 *   <li>{@code udp-send DEST:PORT [--rate 1000pps|10mbit] [--size N] [--count N] [--duration T]
 *       [--bind ADDR[:PORT]] [--tos N]} ({@link dev.weir.app.UdpSend}): constant-rate datagrams
 *       carrying a sequence number and a send time;
 *   <li>{@code udp-sink --port P [--bind ADDR] [--interval 1s] [--duration T] [-4]}
 *       ({@link dev.weir.app.UdpSink}): datagrams, bytes, rate, loss by sequence, out of order,
 *       one-way latency, per interval and in total.
 * </ul>
 *
 * <p>An application is an {@link dev.weir.app.App}: {@code start} at the current virtual time,
 * then it runs only from scheduler events and socket wakeups (a wakeup schedules its work at
 * the same virtual time, never doing it inside the stack's call), ends by itself or on
 * {@code stop} (Ctrl-C: it prints its summary) with the tool's exit status. It reads no wall
 * clock: times it prints are virtual. Host names come from the context's resolver (the
 * topology's), literal addresses need none.
 */
package dev.weir.app;
