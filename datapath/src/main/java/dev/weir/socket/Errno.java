package dev.weir.socket;

import java.util.HashMap;
import java.util.Map;

/**
 * Linux's error numbers ({@code asm-generic/errno-base.h}, {@code errno.h}) with their names and
 * the texts glibc's {@code strerror} gives them, as the system calls of {@link Sock} return them:
 * negated ({@code -EAGAIN}), never thrown. The table was generated from this machine's glibc
 * ({@code os.strerror}), so {@link #message} prints what {@code perror} and the tools print
 * ({@code ping: sendmsg: Network is unreachable}).
 *
 * <p>Aliases: {@code EWOULDBLOCK} is {@link #EAGAIN}, {@code ENOTSUP} is {@link #EOPNOTSUPP},
 * {@code EDEADLOCK} is {@link #EDEADLK}; {@link #byName} knows them, {@link #name} gives the
 * primary name.
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int E2BIG = 7;
    public static final int ENOEXEC = 8;
    public static final int EBADF = 9;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int ENOTBLK = 15;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EXDEV = 18;
    public static final int ENODEV = 19;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int ENOTTY = 25;
    public static final int ETXTBSY = 26;
    public static final int EFBIG = 27;
    public static final int ENOSPC = 28;
    public static final int ESPIPE = 29;
    public static final int EROFS = 30;
    public static final int EMLINK = 31;
    public static final int EPIPE = 32;
    public static final int EDOM = 33;
    public static final int ERANGE = 34;
    public static final int EDEADLK = 35;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOLCK = 37;
    public static final int ENOSYS = 38;
    public static final int ENOTEMPTY = 39;
    public static final int ELOOP = 40;
    public static final int ENOMSG = 42;
    public static final int EIDRM = 43;
    public static final int ECHRNG = 44;
    public static final int EL2NSYNC = 45;
    public static final int EL3HLT = 46;
    public static final int EL3RST = 47;
    public static final int ELNRNG = 48;
    public static final int EUNATCH = 49;
    public static final int ENOCSI = 50;
    public static final int EL2HLT = 51;
    public static final int EBADE = 52;
    public static final int EBADR = 53;
    public static final int EXFULL = 54;
    public static final int ENOANO = 55;
    public static final int EBADRQC = 56;
    public static final int EBADSLT = 57;
    public static final int EBFONT = 59;
    public static final int ENOSTR = 60;
    public static final int ENODATA = 61;
    public static final int ETIME = 62;
    public static final int ENOSR = 63;
    public static final int ENONET = 64;
    public static final int ENOPKG = 65;
    public static final int EREMOTE = 66;
    public static final int ENOLINK = 67;
    public static final int EADV = 68;
    public static final int ESRMNT = 69;
    public static final int ECOMM = 70;
    public static final int EPROTO = 71;
    public static final int EMULTIHOP = 72;
    public static final int EDOTDOT = 73;
    public static final int EBADMSG = 74;
    public static final int EOVERFLOW = 75;
    public static final int ENOTUNIQ = 76;
    public static final int EBADFD = 77;
    public static final int EREMCHG = 78;
    public static final int ELIBACC = 79;
    public static final int ELIBBAD = 80;
    public static final int ELIBSCN = 81;
    public static final int ELIBMAX = 82;
    public static final int ELIBEXEC = 83;
    public static final int EILSEQ = 84;
    public static final int ERESTART = 85;
    public static final int ESTRPIPE = 86;
    public static final int EUSERS = 87;
    public static final int ENOTSOCK = 88;
    public static final int EDESTADDRREQ = 89;
    public static final int EMSGSIZE = 90;
    public static final int EPROTOTYPE = 91;
    public static final int ENOPROTOOPT = 92;
    public static final int EPROTONOSUPPORT = 93;
    public static final int ESOCKTNOSUPPORT = 94;
    public static final int EOPNOTSUPP = 95;
    public static final int EPFNOSUPPORT = 96;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETDOWN = 100;
    public static final int ENETUNREACH = 101;
    public static final int ENETRESET = 102;
    public static final int ECONNABORTED = 103;
    public static final int ECONNRESET = 104;
    public static final int ENOBUFS = 105;
    public static final int EISCONN = 106;
    public static final int ENOTCONN = 107;
    public static final int ESHUTDOWN = 108;
    public static final int ETOOMANYREFS = 109;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTDOWN = 112;
    public static final int EHOSTUNREACH = 113;
    public static final int EALREADY = 114;
    public static final int EINPROGRESS = 115;
    public static final int ESTALE = 116;
    public static final int EUCLEAN = 117;
    public static final int ENOTNAM = 118;
    public static final int ENAVAIL = 119;
    public static final int EISNAM = 120;
    public static final int EREMOTEIO = 121;
    public static final int EDQUOT = 122;
    public static final int ENOMEDIUM = 123;
    public static final int EMEDIUMTYPE = 124;
    public static final int ECANCELED = 125;
    public static final int ENOKEY = 126;
    public static final int EKEYEXPIRED = 127;
    public static final int EKEYREVOKED = 128;
    public static final int EKEYREJECTED = 129;
    public static final int EOWNERDEAD = 130;
    public static final int ENOTRECOVERABLE = 131;
    public static final int ERFKILL = 132;
    public static final int EHWPOISON = 133;

    private static final String[] NAMES = new String[134];
    private static final String[] MESSAGES = new String[134];
    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    static {
        e(EPERM, "EPERM", "Operation not permitted");
        e(ENOENT, "ENOENT", "No such file or directory");
        e(ESRCH, "ESRCH", "No such process");
        e(EINTR, "EINTR", "Interrupted system call");
        e(EIO, "EIO", "Input/output error");
        e(ENXIO, "ENXIO", "No such device or address");
        e(E2BIG, "E2BIG", "Argument list too long");
        e(ENOEXEC, "ENOEXEC", "Exec format error");
        e(EBADF, "EBADF", "Bad file descriptor");
        e(ECHILD, "ECHILD", "No child processes");
        e(EAGAIN, "EAGAIN", "Resource temporarily unavailable");
        e(ENOMEM, "ENOMEM", "Cannot allocate memory");
        e(EACCES, "EACCES", "Permission denied");
        e(EFAULT, "EFAULT", "Bad address");
        e(ENOTBLK, "ENOTBLK", "Block device required");
        e(EBUSY, "EBUSY", "Device or resource busy");
        e(EEXIST, "EEXIST", "File exists");
        e(EXDEV, "EXDEV", "Invalid cross-device link");
        e(ENODEV, "ENODEV", "No such device");
        e(ENOTDIR, "ENOTDIR", "Not a directory");
        e(EISDIR, "EISDIR", "Is a directory");
        e(EINVAL, "EINVAL", "Invalid argument");
        e(ENFILE, "ENFILE", "Too many open files in system");
        e(EMFILE, "EMFILE", "Too many open files");
        e(ENOTTY, "ENOTTY", "Inappropriate ioctl for device");
        e(ETXTBSY, "ETXTBSY", "Text file busy");
        e(EFBIG, "EFBIG", "File too large");
        e(ENOSPC, "ENOSPC", "No space left on device");
        e(ESPIPE, "ESPIPE", "Illegal seek");
        e(EROFS, "EROFS", "Read-only file system");
        e(EMLINK, "EMLINK", "Too many links");
        e(EPIPE, "EPIPE", "Broken pipe");
        e(EDOM, "EDOM", "Numerical argument out of domain");
        e(ERANGE, "ERANGE", "Numerical result out of range");
        e(EDEADLK, "EDEADLK", "Resource deadlock avoided");
        e(ENAMETOOLONG, "ENAMETOOLONG", "File name too long");
        e(ENOLCK, "ENOLCK", "No locks available");
        e(ENOSYS, "ENOSYS", "Function not implemented");
        e(ENOTEMPTY, "ENOTEMPTY", "Directory not empty");
        e(ELOOP, "ELOOP", "Too many levels of symbolic links");
        e(ENOMSG, "ENOMSG", "No message of desired type");
        e(EIDRM, "EIDRM", "Identifier removed");
        e(ECHRNG, "ECHRNG", "Channel number out of range");
        e(EL2NSYNC, "EL2NSYNC", "Level 2 not synchronized");
        e(EL3HLT, "EL3HLT", "Level 3 halted");
        e(EL3RST, "EL3RST", "Level 3 reset");
        e(ELNRNG, "ELNRNG", "Link number out of range");
        e(EUNATCH, "EUNATCH", "Protocol driver not attached");
        e(ENOCSI, "ENOCSI", "No CSI structure available");
        e(EL2HLT, "EL2HLT", "Level 2 halted");
        e(EBADE, "EBADE", "Invalid exchange");
        e(EBADR, "EBADR", "Invalid request descriptor");
        e(EXFULL, "EXFULL", "Exchange full");
        e(ENOANO, "ENOANO", "No anode");
        e(EBADRQC, "EBADRQC", "Invalid request code");
        e(EBADSLT, "EBADSLT", "Invalid slot");
        e(EBFONT, "EBFONT", "Bad font file format");
        e(ENOSTR, "ENOSTR", "Device not a stream");
        e(ENODATA, "ENODATA", "No data available");
        e(ETIME, "ETIME", "Timer expired");
        e(ENOSR, "ENOSR", "Out of streams resources");
        e(ENONET, "ENONET", "Machine is not on the network");
        e(ENOPKG, "ENOPKG", "Package not installed");
        e(EREMOTE, "EREMOTE", "Object is remote");
        e(ENOLINK, "ENOLINK", "Link has been severed");
        e(EADV, "EADV", "Advertise error");
        e(ESRMNT, "ESRMNT", "Srmount error");
        e(ECOMM, "ECOMM", "Communication error on send");
        e(EPROTO, "EPROTO", "Protocol error");
        e(EMULTIHOP, "EMULTIHOP", "Multihop attempted");
        e(EDOTDOT, "EDOTDOT", "RFS specific error");
        e(EBADMSG, "EBADMSG", "Bad message");
        e(EOVERFLOW, "EOVERFLOW", "Value too large for defined data type");
        e(ENOTUNIQ, "ENOTUNIQ", "Name not unique on network");
        e(EBADFD, "EBADFD", "File descriptor in bad state");
        e(EREMCHG, "EREMCHG", "Remote address changed");
        e(ELIBACC, "ELIBACC", "Can not access a needed shared library");
        e(ELIBBAD, "ELIBBAD", "Accessing a corrupted shared library");
        e(ELIBSCN, "ELIBSCN", ".lib section in a.out corrupted");
        e(ELIBMAX, "ELIBMAX", "Attempting to link in too many shared libraries");
        e(ELIBEXEC, "ELIBEXEC", "Cannot exec a shared library directly");
        e(EILSEQ, "EILSEQ", "Invalid or incomplete multibyte or wide character");
        e(ERESTART, "ERESTART", "Interrupted system call should be restarted");
        e(ESTRPIPE, "ESTRPIPE", "Streams pipe error");
        e(EUSERS, "EUSERS", "Too many users");
        e(ENOTSOCK, "ENOTSOCK", "Socket operation on non-socket");
        e(EDESTADDRREQ, "EDESTADDRREQ", "Destination address required");
        e(EMSGSIZE, "EMSGSIZE", "Message too long");
        e(EPROTOTYPE, "EPROTOTYPE", "Protocol wrong type for socket");
        e(ENOPROTOOPT, "ENOPROTOOPT", "Protocol not available");
        e(EPROTONOSUPPORT, "EPROTONOSUPPORT", "Protocol not supported");
        e(ESOCKTNOSUPPORT, "ESOCKTNOSUPPORT", "Socket type not supported");
        e(EOPNOTSUPP, "EOPNOTSUPP", "Operation not supported");
        e(EPFNOSUPPORT, "EPFNOSUPPORT", "Protocol family not supported");
        e(EAFNOSUPPORT, "EAFNOSUPPORT", "Address family not supported by protocol");
        e(EADDRINUSE, "EADDRINUSE", "Address already in use");
        e(EADDRNOTAVAIL, "EADDRNOTAVAIL", "Cannot assign requested address");
        e(ENETDOWN, "ENETDOWN", "Network is down");
        e(ENETUNREACH, "ENETUNREACH", "Network is unreachable");
        e(ENETRESET, "ENETRESET", "Network dropped connection on reset");
        e(ECONNABORTED, "ECONNABORTED", "Software caused connection abort");
        e(ECONNRESET, "ECONNRESET", "Connection reset by peer");
        e(ENOBUFS, "ENOBUFS", "No buffer space available");
        e(EISCONN, "EISCONN", "Transport endpoint is already connected");
        e(ENOTCONN, "ENOTCONN", "Transport endpoint is not connected");
        e(ESHUTDOWN, "ESHUTDOWN", "Cannot send after transport endpoint shutdown");
        e(ETOOMANYREFS, "ETOOMANYREFS", "Too many references: cannot splice");
        e(ETIMEDOUT, "ETIMEDOUT", "Connection timed out");
        e(ECONNREFUSED, "ECONNREFUSED", "Connection refused");
        e(EHOSTDOWN, "EHOSTDOWN", "Host is down");
        e(EHOSTUNREACH, "EHOSTUNREACH", "No route to host");
        e(EALREADY, "EALREADY", "Operation already in progress");
        e(EINPROGRESS, "EINPROGRESS", "Operation now in progress");
        e(ESTALE, "ESTALE", "Stale file handle");
        e(EUCLEAN, "EUCLEAN", "Structure needs cleaning");
        e(ENOTNAM, "ENOTNAM", "Not a XENIX named type file");
        e(ENAVAIL, "ENAVAIL", "No XENIX semaphores available");
        e(EISNAM, "EISNAM", "Is a named type file");
        e(EREMOTEIO, "EREMOTEIO", "Remote I/O error");
        e(EDQUOT, "EDQUOT", "Disk quota exceeded");
        e(ENOMEDIUM, "ENOMEDIUM", "No medium found");
        e(EMEDIUMTYPE, "EMEDIUMTYPE", "Wrong medium type");
        e(ECANCELED, "ECANCELED", "Operation canceled");
        e(ENOKEY, "ENOKEY", "Required key not available");
        e(EKEYEXPIRED, "EKEYEXPIRED", "Key has expired");
        e(EKEYREVOKED, "EKEYREVOKED", "Key has been revoked");
        e(EKEYREJECTED, "EKEYREJECTED", "Key was rejected by service");
        e(EOWNERDEAD, "EOWNERDEAD", "Owner died");
        e(ENOTRECOVERABLE, "ENOTRECOVERABLE", "State not recoverable");
        e(ERFKILL, "ERFKILL", "Operation not possible due to RF-kill");
        e(EHWPOISON, "EHWPOISON", "Memory page has hardware error");
        BY_NAME.put("EWOULDBLOCK", EAGAIN);
        BY_NAME.put("ENOTSUP", EOPNOTSUPP);
        BY_NAME.put("EDEADLOCK", EDEADLK);
    }

    private static void e(int n, String name, String message) {
        NAMES[n] = name;
        MESSAGES[n] = message;
        BY_NAME.put(name, n);
    }

    private Errno() {}

    /** {@code strerror(errno)}; a negative argument is taken as its absolute value, 0 is "Success". */
    public static String message(int errno) {
        int e = Math.abs(errno);
        if (e == 0) {
            return "Success";
        }
        return e < MESSAGES.length && MESSAGES[e] != null ? MESSAGES[e] : "Unknown error " + e;
    }

    /** The symbolic name ({@code ECONNREFUSED}); {@code E<n>} for a number Linux does not use. */
    public static String name(int errno) {
        int e = Math.abs(errno);
        return e < NAMES.length && NAMES[e] != null ? NAMES[e] : "E" + e;
    }

    /** The number of {@code name} ({@code "EAGAIN"}, {@code "EWOULDBLOCK"}), or -1 when it is not an errno name. */
    public static int byName(String name) {
        Integer n = BY_NAME.get(name);
        return n == null ? -1 : n;
    }

    /** {@code "ECONNREFUSED (Connection refused)"}, packetdrill's way of naming an error, for messages. */
    public static String describe(int errno) {
        return name(errno) + " (" + message(errno) + ")";
    }
}
