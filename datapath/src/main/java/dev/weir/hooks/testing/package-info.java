/**
 * Testing programs in one line, for program authors: a JUnit 5 extension that loads a program
 * (verified like any) into a fresh environment per test, AssertJ assertions on test-run results,
 * and a bare socket state for congestion-control algorithms.
 *
 * <pre>{@code
 * @ExtendWith(WeirProgramExtension.class)
 * class DropUdpTest {
 *     @WeirProgram(DropUdp.class)                  // or @WeirProgram(path = "src/main/java/x/DropUdp.java")
 *     ProgramUnderTest prog;                        // a fresh environment (maps) for each test
 *
 *     @Test
 *     void dropsPort9() {
 *         prog.map("drop_port").updateLong(0, 9);
 *         assertThatProgram(prog.run(Frames.udp(9)))
 *                 .hasVerdict(XdpAction.DROP).changedMap("drop_port").outputEqualsInput();
 *     }
 * }
 * }</pre>
 *
 * <h2>Where it lives, and what it needs</h2>
 * In the datapath module's main code, so that any project with datapath on its test class
 * path can use it; datapath declares JUnit Jupiter's API and AssertJ {@code provided}: they are
 * not pulled into anyone's runtime, and a test using these classes brings its own (every JUnit 5
 * + AssertJ test does). The plugins module, whose main code may depend on hooks-api only, uses
 * datapath at test scope for exactly this.
 */
package dev.weir.hooks.testing;
