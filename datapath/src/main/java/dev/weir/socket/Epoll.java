package dev.weir.socket;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * An epoll instance ({@code epoll_create}, {@code epoll_ctl}, {@code epoll_wait}) over
 * {@link Sock}s, with Linux's semantics:
 *
 * <ul>
 *   <li>{@link #ctl} ADD / MOD / DEL; {@code EPOLLERR} and {@code EPOLLHUP} are always watched;
 *       ADD of a watched socket is {@code -EEXIST}, MOD or DEL of an unwatched one
 *       {@code -ENOENT}. ADD and MOD check readiness at once, as {@code ep_insert} does.
 *   <li>Level-triggered by default: a ready socket is reported by every {@link #wait} until its
 *       {@link Sock#poll()} no longer shows the events.
 *   <li>{@code EPOLLET}: reported once per wakeup of the socket (new data, freed send memory...),
 *       not again until the next one.
 *   <li>{@code EPOLLONESHOT}: reported once, then disabled until re-armed with MOD.
 *   <li>A closed socket leaves the set.
 * </ul>
 *
 * <p>{@link #wait} never blocks. An application inside the simulation sets a
 * {@linkplain #setWakeup wakeup} (called from inside the stack whenever a watched socket becomes
 * ready: it should only schedule the application's work, not do it) and calls {@code wait}
 * until it returns 0; a blocking-style caller runs the scheduler until {@link #readyCount} is
 * non-zero or its timeout passes.
 */
public final class Epoll {
    public static final int EPOLLIN = 0x001;
    public static final int EPOLLPRI = 0x002;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    public static final int EPOLLNVAL = 0x020;
    public static final int EPOLLRDNORM = 0x040;
    public static final int EPOLLRDBAND = 0x080;
    public static final int EPOLLWRNORM = 0x100;
    public static final int EPOLLWRBAND = 0x200;
    public static final int EPOLLMSG = 0x400;
    public static final int EPOLLRDHUP = 0x2000;
    public static final int EPOLLEXCLUSIVE = 1 << 28;
    public static final int EPOLLWAKEUP = 1 << 29;
    public static final int EPOLLONESHOT = 1 << 30;
    public static final int EPOLLET = 1 << 31;

    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLL_CTL_DEL = 2;
    public static final int EPOLL_CTL_MOD = 3;

    /** Bits that are modes, not events ({@code EP_PRIVATE_BITS}). */
    private static final int PRIVATE_BITS = EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE;

    /** Where {@link #wait} puts what it reports: parallel arrays, {@link #count} entries filled. */
    public static final class Events {
        public final Sock[] socks;
        public final int[] events;
        public final long[] data;
        public int count;

        public Events(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("epoll_wait needs room for at least one event, got " + capacity);
            }
            socks = new Sock[capacity];
            events = new int[capacity];
            data = new long[capacity];
        }
    }

    private final class Item implements SockListener {
        final Sock sk;
        int events;
        long data;
        boolean queued;
        Item nextReady;

        Item(Sock sk) {
            this.sk = sk;
        }

        /** {@code ep_poll_callback}: a disabled (one-shot fired) item, or one not interested, stays off the list. */
        @Override
        public void onEvent(Sock s, int event) {
            if ((events & ~PRIVATE_BITS) == 0) {
                return;
            }
            if (s.isClosed()) {
                remove(this);
                return;
            }
            if ((s.poll() & events) != 0 && !queued) {
                append(this);
                if (wakeup != null) {
                    wakeup.run();
                }
            }
        }
    }

    private final Map<Sock, Item> items = new IdentityHashMap<>();
    private Item readyHead;
    private Item readyTail;
    private int readyCount;
    private Runnable wakeup;

    /** Called whenever a watched socket becomes ready; should schedule the caller's {@link #wait}, not run it. */
    public void setWakeup(Runnable r) {
        this.wakeup = r;
    }

    /**
     * {@code epoll_ctl}: 0 or a negative errno ({@code -EBADF} for a closed socket,
     * {@code -EEXIST}, {@code -ENOENT}, {@code -EINVAL} for an unknown op).
     */
    public int ctl(int op, Sock sk, int events, long data) {
        if (sk == null || sk.isClosed()) {
            return -Errno.EBADF;
        }
        Item it = items.get(sk);
        switch (op) {
            case EPOLL_CTL_ADD -> {
                if (it != null) {
                    return -Errno.EEXIST;
                }
                it = new Item(sk);
                it.events = events | EPOLLERR | EPOLLHUP;
                it.data = data;
                items.put(sk, it);
                sk.addListener(it);
                checkNow(it);
            }
            case EPOLL_CTL_MOD -> {
                if (it == null) {
                    return -Errno.ENOENT;
                }
                it.events = events | EPOLLERR | EPOLLHUP;
                it.data = data;
                checkNow(it);
            }
            case EPOLL_CTL_DEL -> {
                if (it == null) {
                    return -Errno.ENOENT;
                }
                remove(it);
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
        return 0;
    }

    private void checkNow(Item it) {
        if (!it.queued && (it.sk.poll() & it.events) != 0) {
            append(it);
        }
    }

    /**
     * {@code epoll_wait} with timeout 0: fills {@code out} with up to its capacity of ready
     * sockets and returns how many (0 when none). Level-triggered items that are still ready
     * stay queued for the next call.
     */
    public int wait(Events out) {
        out.count = 0;
        int n = readyCount;
        for (int i = 0; i < n && out.count < out.socks.length; i++) {
            Item it = pollReady();
            if (it == null) {
                break;
            }
            if (it.sk.isClosed()) {
                remove(it);
                continue;
            }
            int revents = it.sk.poll() & it.events;
            if (revents == 0) {
                continue;
            }
            int k = out.count++;
            out.socks[k] = it.sk;
            out.events[k] = revents;
            out.data[k] = it.data;
            if ((it.events & EPOLLONESHOT) != 0) {
                it.events &= PRIVATE_BITS;
            } else if ((it.events & EPOLLET) == 0) {
                append(it);
            }
        }
        return out.count;
    }

    /** Sockets queued as ready (some may turn out not ready when {@link #wait} polls them). */
    public int readyCount() {
        return readyCount;
    }

    /** Sockets watched. */
    public int size() {
        return items.size();
    }

    private void append(Item it) {
        it.queued = true;
        it.nextReady = null;
        if (readyTail == null) {
            readyHead = it;
        } else {
            readyTail.nextReady = it;
        }
        readyTail = it;
        readyCount++;
    }

    private Item pollReady() {
        Item it = readyHead;
        if (it == null) {
            return null;
        }
        readyHead = it.nextReady;
        if (readyHead == null) {
            readyTail = null;
        }
        it.nextReady = null;
        it.queued = false;
        readyCount--;
        return it;
    }

    private void remove(Item it) {
        items.remove(it.sk);
        it.sk.removeListener(it);
        if (it.queued) {
            Item prev = null;
            for (Item x = readyHead; x != null; x = x.nextReady) {
                if (x == it) {
                    if (prev == null) {
                        readyHead = x.nextReady;
                    } else {
                        prev.nextReady = x.nextReady;
                    }
                    if (readyTail == x) {
                        readyTail = prev;
                    }
                    readyCount--;
                    break;
                }
                prev = x;
            }
            it.queued = false;
            it.nextReady = null;
        }
    }

    /** The value of an {@code EPOLL*} constant by name (for {@link SockOpt#constant}). */
    static int constant(String name) {
        return switch (name) {
            case "EPOLLIN" -> EPOLLIN;
            case "EPOLLPRI" -> EPOLLPRI;
            case "EPOLLOUT" -> EPOLLOUT;
            case "EPOLLERR" -> EPOLLERR;
            case "EPOLLHUP" -> EPOLLHUP;
            case "EPOLLRDNORM" -> EPOLLRDNORM;
            case "EPOLLRDBAND" -> EPOLLRDBAND;
            case "EPOLLWRNORM" -> EPOLLWRNORM;
            case "EPOLLWRBAND" -> EPOLLWRBAND;
            case "EPOLLRDHUP" -> EPOLLRDHUP;
            case "EPOLLONESHOT" -> EPOLLONESHOT;
            case "EPOLLET" -> EPOLLET;
            default -> throw new IllegalArgumentException("not an EPOLL constant: " + name);
        };
    }

    /** The names of the bits in {@code mask}, as strace prints them ({@code EPOLLIN|EPOLLRDNORM}). */
    public static String describe(int mask) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"EPOLLIN", "EPOLLPRI", "EPOLLOUT", "EPOLLERR", "EPOLLHUP", "EPOLLNVAL", "EPOLLRDNORM", "EPOLLRDBAND",
            "EPOLLWRNORM", "EPOLLWRBAND", "EPOLLMSG"};
        for (int i = 0; i < names.length; i++) {
            if ((mask & (1 << i)) != 0) {
                sb.append(sb.length() > 0 ? "|" : "").append(names[i]);
            }
        }
        if ((mask & EPOLLRDHUP) != 0) {
            sb.append(sb.length() > 0 ? "|" : "").append("EPOLLRDHUP");
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }
}
