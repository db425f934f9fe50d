package dev.weir.api.maps;

/**
 * Flags of map updates, with Linux's values ({@code BPF_ANY}, {@code BPF_NOEXIST},
 * {@code BPF_EXIST}). Any other value makes an update return {@link MapError#EINVAL}.
 */
public final class MapFlags {
    private MapFlags() {}

    /** Create the entry or replace its value. */
    public static final long ANY = 0;
    /** Create only: {@link MapError#EEXIST} if the key is present. */
    public static final long NOEXIST = 1;
    /** Replace only: {@link MapError#ENOENT} if the key is absent. */
    public static final long EXIST = 2;

    /** The flag's name as bpftool's {@code map update} takes it: any, noexist, exist. */
    public static String name(long flags) {
        if (flags == ANY) {
            return "any";
        }
        if (flags == NOEXIST) {
            return "noexist";
        }
        if (flags == EXIST) {
            return "exist";
        }
        return "0x" + Long.toHexString(flags);
    }
}
