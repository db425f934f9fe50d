package dev.weir.api.maps;

/**
 * Receives ring-buffer records in user space, in the order they were reserved. The bytes are
 * valid only during the call: copy what must be kept.
 */
@FunctionalInterface
public interface RecordConsumer {
    /**
     * One record of {@code len} bytes at {@code off} in {@code buf}.
     *
     * @return true to go on with the next record, false to stop after this one (the record is
     *         consumed either way)
     */
    boolean accept(byte[] buf, int off, int len);
}
