package dev.weir.napi;

/** A FIFO of NAPI contexts linked through {@link Napi#next}: a CPU's poll list, allocation-free. */
final class NapiList {
    private Napi head;
    private Napi tail;

    boolean isEmpty() {
        return head == null;
    }

    void addLast(Napi n) {
        n.next = null;
        if (tail == null) {
            head = n;
        } else {
            tail.next = n;
        }
        tail = n;
    }

    Napi pollFirst() {
        Napi n = head;
        if (n != null) {
            head = n.next;
            if (head == null) {
                tail = null;
            }
            n.next = null;
        }
        return n;
    }

    /** Moves every entry of {@code other} to the end of this list, leaving {@code other} empty. */
    void takeAll(NapiList other) {
        if (other.head == null) {
            return;
        }
        if (tail == null) {
            head = other.head;
        } else {
            tail.next = other.head;
        }
        tail = other.tail;
        other.head = null;
        other.tail = null;
    }

    boolean contains(Napi n) {
        for (Napi x = head; x != null; x = x.next) {
            if (x == n) {
                return true;
            }
        }
        return false;
    }
}
