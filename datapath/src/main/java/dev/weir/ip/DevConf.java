package dev.weir.ip;

import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.Sysctls;

/**
 * The per-device knobs the IP layers read per packet ({@code in_device->cnf},
 * {@code inet6_dev->cnf}), looked up once per device and kept by ifindex.
 */
final class DevConf {
    final Sysctls.Value acceptSourceRoute4;
    final Sysctls.Value hopLimit6;
    final Sysctls.Value disableIpv6;

    private DevConf(IpSysctls sys, String ifname) {
        acceptSourceRoute4 = sys.conf4(ifname, "accept_source_route");
        hopLimit6 = sys.conf6(ifname, "hop_limit");
        disableIpv6 = sys.conf6(ifname, "disable_ipv6");
    }

    /** The table of every device's knobs, kept current by the namespace's device events. */
    static final class Table {
        private final IpSysctls sys;
        private final NetNs net;
        private DevConf[] byIndex = new DevConf[16];

        Table(NetNs net, IpSysctls sys) {
            this.net = net;
            this.sys = sys;
            for (NetDevice d : net.devices()) {
                put(d);
            }
            net.addDeviceListener((dev, event) -> {
                if (event == NetNs.DeviceEvent.REGISTER) {
                    put(dev);
                } else if (event == NetNs.DeviceEvent.UNREGISTER && dev.ifindex() < byIndex.length) {
                    byIndex[dev.ifindex()] = null;
                }
            });
        }

        private void put(NetDevice dev) {
            int i = dev.ifindex();
            if (i >= byIndex.length) {
                DevConf[] grown = new DevConf[Math.max(i + 1, byIndex.length * 2)];
                System.arraycopy(byIndex, 0, grown, 0, byIndex.length);
                byIndex = grown;
            }
            byIndex[i] = new DevConf(sys, dev.name());
        }

        /** The knobs of the device with index {@code ifindex}, or null for no such device. */
        DevConf get(int ifindex) {
            if (ifindex > 0 && ifindex < byIndex.length && byIndex[ifindex] != null) {
                return byIndex[ifindex];
            }
            NetDevice d = net.device(ifindex);
            if (d == null) {
                return null;
            }
            put(d);
            return byIndex[ifindex];
        }
    }
}
