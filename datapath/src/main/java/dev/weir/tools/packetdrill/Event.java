package dev.weir.tools.packetdrill;

/**
 * One timed line of a script.
 *
 * @param line   the line of the time column (packetdrill reports errors at this line)
 * @param column the column of the time column
 * @param time   when the event happens
 * @param action what happens
 */
public record Event(int line, int column, TimeSpec time, Action action) {
    @Override
    public String toString() {
        return time + " " + action;
    }
}
