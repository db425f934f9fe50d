package dev.weir.api.maps;

/**
 * Result codes of map operations and helpers: {@link #OK} or the negative of a Linux
 * {@code errno}, as the kernel's helpers and the {@code bpf()} system call return them. Nothing
 * on the program path throws; a program compares the result with these constants.
 *
 * <pre>{@code
 * int rc = flows.update(key, 0, value, 0, MapFlags.NOEXIST);
 * if (rc == MapError.EEXIST) { ... already there ... }
 * else if (rc == MapError.E2BIG) { ... map full ... }
 * }</pre>
 */
public final class MapError {
    private MapError() {}

    /** Success. */
    public static final int OK = 0;
    /** Operation not permitted (a program array given a program of another type). */
    public static final int EPERM = -1;
    /** No such key (lookup, delete, update with {@link MapFlags#EXIST}), or no next key. */
    public static final int ENOENT = -2;
    /** A hash map is full: the new key was not inserted. Also an array index out of range on update. */
    public static final int E2BIG = -7;
    /** The ring buffer has no room for the record now; try again later. */
    public static final int EAGAIN = -11;
    /** A key or value buffer is null or too short for the map's key or value size. */
    public static final int EFAULT = -14;
    /** Too many outstanding ring-buffer reservations. */
    public static final int EBUSY = -16;
    /** The key exists and the update said {@link MapFlags#NOEXIST}. */
    public static final int EEXIST = -17;
    /** No such device (a device map entry naming an ifindex the host does not have). */
    public static final int ENODEV = -19;
    /** An argument is invalid: unknown flags, a bad prefix length, a wrong-size fast path. */
    public static final int EINVAL = -22;
    /** An LPM trie is full (Linux's LPM trie returns this where hash maps return E2BIG). */
    public static final int ENOSPC = -28;
    /** The map type does not support the operation. */
    public static final int EOPNOTSUPP = -95;

    /** The errno name of a code ({@code "ENOENT"}), {@code "OK"} for 0, or {@code "E?<n>"}. */
    public static String name(int code) {
        return switch (code) {
            case OK -> "OK";
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case E2BIG -> "E2BIG";
            case EAGAIN -> "EAGAIN";
            case EFAULT -> "EFAULT";
            case EBUSY -> "EBUSY";
            case EEXIST -> "EEXIST";
            case ENODEV -> "ENODEV";
            case EINVAL -> "EINVAL";
            case ENOSPC -> "ENOSPC";
            case EOPNOTSUPP -> "EOPNOTSUPP";
            default -> "E?" + code;
        };
    }

    /** The C library's message for a code ({@code "No such file or directory"}), as bpftool prints it. */
    public static String message(int code) {
        return switch (code) {
            case OK -> "Success";
            case EPERM -> "Operation not permitted";
            case ENOENT -> "No such file or directory";
            case E2BIG -> "Argument list too long";
            case EAGAIN -> "Resource temporarily unavailable";
            case EFAULT -> "Bad address";
            case EBUSY -> "Device or resource busy";
            case EEXIST -> "File exists";
            case ENODEV -> "No such device";
            case EINVAL -> "Invalid argument";
            case ENOSPC -> "No space left on device";
            case EOPNOTSUPP -> "Operation not supported";
            default -> "Unknown error " + (-code);
        };
    }
}
