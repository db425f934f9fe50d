package dev.weir.api.maps;

/**
 * Devices for XDP redirect ({@link MapType#DEVMAP}): slots 0..maxEntries-1, each empty or
 * naming a device of the host by ifindex (4-byte key, 4-byte value, big-endian). An XDP program
 * redirects a frame to the transmit queue of the device in a slot with its context's
 * {@code redirectMap(map, key, flags)}; user space fills the slots. The map is array-like, as
 * Linux's devmap: every key in range exists (an update with {@link MapFlags#NOEXIST} is
 * {@link MapError#EEXIST}), a slot set to 0 or deleted is empty, and an ifindex the host does
 * not have is {@link MapError#ENODEV}.
 */
public interface DevMap extends KeyValueMap {
    /** The ifindex in slot {@code key}, or 0 when the slot is empty or out of range. */
    int lookupIfindex(int key);

    /** Sets slot {@code key} to {@code ifindex} (0 empties it): OK, E2BIG (key out of range), ENODEV. */
    @UserSpaceOnly
    int set(int key, int ifindex);

    /** Empties slot {@code key}: OK, also when it was empty (as Linux's devmap delete), or EINVAL out of range. */
    @UserSpaceOnly
    int clear(int key);
}
