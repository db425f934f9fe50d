package dev.weir.core;

import dev.weir.sim.Scheduler;
import dev.weir.sim.SimRandom;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbPool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One host's network namespace as the stages of the packet path see it (Linux's
 * {@code struct net}): its clock and random source, sysctls, counters, devices, modelled CPUs,
 * buffer pool, and the few entry points through which a lower stage hands work up without
 * depending on the stage above it.
 *
 * <pre>
 *   driver (nic) --NAPI/GRO (napi)--> receiver().receive(skb)   [l2: netif_receive_skb]
 *   l2 dev_queue_xmit --> qdisc --> NetDevice.startXmit           [downward: plain calls]
 *   NetdevQueue.wake/schedule --> txScheduler().schedule(q)        [qdisc: run the queue]
 *   any stage --> drop(skb, reason)                                 [counted, traced, freed]
 * </pre>
 *
 * <p>Everything here runs on the host's single simulation thread.
 */
public final class NetNs {
    /** What a device did, for listeners (neighbour flush, route updates, ...). */
    public enum DeviceEvent { REGISTER, UNREGISTER, UP, DOWN, CARRIER_UP, CARRIER_DOWN }

    /** Receives every packet the driver layer hands up (netif_receive_skb). */
    @FunctionalInterface
    public interface Receiver {
        void receive(SkBuff skb);
    }

    /** Runs a device queue's qdisc soon (the NET_TX softirq). */
    @FunctionalInterface
    public interface TxScheduler {
        void schedule(NetdevQueue q);
    }

    /** Told of every drop, after counting and before the buffer is freed. */
    @FunctionalInterface
    public interface DropListener {
        void dropped(SkBuff skb, DropReason reason);
    }

    @FunctionalInterface
    public interface DeviceListener {
        void event(NetDevice dev, DeviceEvent event);
    }

    private final String name;
    private final Scheduler scheduler;
    private final SimRandom random;
    private final Sysctls sysctls = new Sysctls();
    private final Counters counters = new Counters();
    private final SkbPool pool;
    private final StageCosts costs = new StageCosts();
    private final Cpu[] cpus;
    private final Map<Integer, NetDevice> devices = new LinkedHashMap<>();
    private final List<DeviceListener> deviceListeners = new ArrayList<>();
    private final List<DropListener> dropListeners = new ArrayList<>();
    /** Per-namespace state of stages and services created on demand (Linux's net_generic). */
    private final Map<Class<?>, Object> pernet = new java.util.HashMap<>();
    private long dropCount;
    private Receiver receiver;
    private TxScheduler txScheduler;
    private int nextIfindex = 1;
    /** Last handle the qdisc layer allocated (Linux's autohandle in qdisc_alloc_handle). */
    private int qdiscAutohandle = 0x8000_0000;

    /** CPU whose work is being accounted now, and the cost accumulated for the current packet. */
    private Cpu currentCpu;
    private long pendingCost;

    public NetNs(String name, Scheduler scheduler, SimRandom random, int numCpus) {
        if (numCpus < 1 || numCpus > 256) {
            throw new IllegalArgumentException("a host needs 1..256 CPUs, got " + numCpus);
        }
        this.name = name;
        this.scheduler = scheduler;
        this.random = random;
        this.pool = new SkbPool(name);
        this.cpus = new Cpu[numCpus];
        for (int i = 0; i < numCpus; i++) {
            cpus[i] = new Cpu(i);
        }
        this.currentCpu = cpus[0];
    }

    public String name() {
        return name;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** Virtual time now, in nanoseconds. */
    public long now() {
        return scheduler.now();
    }

    /** The host's random source; components split their own from it by name. */
    public SimRandom random() {
        return random;
    }

    public Sysctls sysctls() {
        return sysctls;
    }

    public Counters counters() {
        return counters;
    }

    public SkbPool pool() {
        return pool;
    }

    public StageCosts costs() {
        return costs;
    }

    // ---- CPUs ----

    public int numCpus() {
        return cpus.length;
    }

    public Cpu cpu(int i) {
        return cpus[i];
    }

    /** Sets the CPU that following {@link #charge} calls bill (the softirq loop does this). */
    public void runOn(Cpu cpu) {
        currentCpu = cpu;
    }

    public Cpu currentCpu() {
        return currentCpu;
    }

    /** Adds {@code nanos} of work to the packet being processed on the current CPU. */
    public void charge(long nanos) {
        pendingCost += nanos;
    }

    /** Takes the cost accumulated since the last call (the softirq loop bills it to the CPU). */
    public long takePendingCost() {
        long c = pendingCost;
        pendingCost = 0;
        return c;
    }

    // ---- devices ----

    int allocIfindex() {
        return nextIfindex++;
    }

    /** Registers a device: it gets its per-device sysctls and listeners hear of it. */
    public void register(NetDevice dev) {
        for (NetDevice d : devices.values()) {
            if (d.name().equals(dev.name())) {
                throw new IllegalArgumentException("a device named " + dev.name() + " already exists on " + name);
            }
        }
        devices.put(dev.ifindex(), dev);
        sysctls.deviceAdded(dev.name());
        deviceEvent(dev, DeviceEvent.REGISTER);
    }

    /**
     * {@code ip link set dev X name NEW}: renames a device, keeping its per-device sysctls. The
     * message names the clash when another device already has the name.
     */
    public void renameDevice(NetDevice dev, String newName) {
        if (dev.name().equals(newName)) {
            return;
        }
        if (device(newName) != null) {
            throw new IllegalArgumentException("a device named " + newName + " already exists on " + name);
        }
        String old = dev.name();
        dev.rename(newName);
        sysctls.deviceRenamed(old, newName);
    }

    public void unregister(NetDevice dev) {
        dev.close();
        deviceEvent(dev, DeviceEvent.UNREGISTER);
        devices.remove(dev.ifindex());
        sysctls.deviceRemoved(dev.name());
    }

    public NetDevice device(int ifindex) {
        return devices.get(ifindex);
    }

    /** The device named {@code name}, or null. */
    public NetDevice device(String devName) {
        for (NetDevice d : devices.values()) {
            if (d.name().equals(devName)) {
                return d;
            }
        }
        return null;
    }

    /** The device named {@code name}; the message says which exist when it does not. */
    public NetDevice requireDevice(String devName) {
        NetDevice d = device(devName);
        if (d == null) {
            List<String> names = new ArrayList<>();
            for (NetDevice x : devices.values()) {
                names.add(x.name());
            }
            throw new IllegalArgumentException("Cannot find device \"" + devName + "\" on " + name + " (devices: " + String.join(", ", names) + ")");
        }
        return d;
    }

    public List<NetDevice> devices() {
        return Collections.unmodifiableList(new ArrayList<>(devices.values()));
    }

    public void addDeviceListener(DeviceListener l) {
        deviceListeners.add(l);
    }

    /** Tells listeners what {@code dev} did; a device not registered here (yet, or any more) tells no one. */
    void deviceEvent(NetDevice dev, DeviceEvent e) {
        if (devices.get(dev.ifindex()) != dev) {
            return;
        }
        for (int i = 0; i < deviceListeners.size(); i++) {
            deviceListeners.get(i).event(dev, e);
        }
    }

    /**
     * The next automatic qdisc handle, as Linux's {@code qdisc_alloc_handle}: majors 8001:,
     * 8002:, ... up to ffff: and round again. The caller skips a handle its device already uses.
     * One sequence per namespace (Linux keeps one per kernel).
     */
    public int nextQdiscAutohandle() {
        qdiscAutohandle += 0x1_0000;
        if (qdiscAutohandle == 0xffff_0000) {
            qdiscAutohandle = 0x8000_0000;
        }
        return qdiscAutohandle;
    }

    // ---- upward entry points ----

    public Receiver receiver() {
        return receiver;
    }

    public void setReceiver(Receiver r) {
        this.receiver = r;
    }

    public TxScheduler txScheduler() {
        return txScheduler;
    }

    public void setTxScheduler(TxScheduler t) {
        this.txScheduler = t;
    }

    // ---- drops ----

    /**
     * kfree_skb with a reason: counts the drop under {@code reason}, tells listeners
     * ({@code skb:kfree_skb}), and frees the buffer. Every drop in the stack goes through here.
     */
    public void drop(SkBuff skb, DropReason reason) {
        counters.countDrop(reason);
        dropCount++;
        for (int i = 0; i < dropListeners.size(); i++) {
            dropListeners.get(i).dropped(skb, reason);
        }
        skb.free();
    }

    /**
     * Counts a packet that ended without an skb ever being built (an XDP program's DROP or
     * ABORTED on a raw frame): the drop table sees it, listeners do not (there is no skb to
     * show them, as Linux fires no {@code kfree_skb} for XDP drops).
     */
    public void countRawDrop(DropReason reason) {
        counters.countDrop(reason);
        dropCount++;
    }

    /** Drops so far, every reason together: a stage probe compares it around a call to see whether the call dropped. */
    public long dropCount() {
        return dropCount;
    }

    public void addDropListener(DropListener l) {
        dropListeners.add(l);
    }

    public void removeDropListener(DropListener l) {
        dropListeners.remove(l);
    }

    // ---- per-namespace state ----

    /**
     * The namespace's instance of {@code type}, created with {@code create} on first use (Linux's
     * {@code net_generic}: per-namespace data of a subsystem that {@code struct net} does not
     * know). Lets a higher layer keep state per namespace without this package naming it; the
     * tracing sites of {@code dev.weir.trace} live here. Look it up once (at construction), not
     * per packet.
     */
    public <T> T pernet(Class<T> type, java.util.function.Function<NetNs, T> create) {
        Object o = pernet.get(type);
        if (o == null) {
            o = create.apply(this);
            pernet.put(type, o);
        }
        return type.cast(o);
    }

    @Override
    public String toString() {
        return "NetNs[" + name + "]";
    }
}
