package dev.weir.route;

/**
 * Prints routes the way iproute2's {@code print_route} does, word for word and space for space:
 * IPv4 lines end in a space, IPv6 lines in "pref medium". Fields a show filter pins down
 * (the table, the device, the protocol...) are left out, as iproute2 leaves them out.
 */
final class RouteFormat {
    /** What {@code ip route show} was filtered by, and whether {@code -d} was given. */
    static final class Options {
        boolean details;
        boolean tableFiltered;
        boolean devFiltered;
        boolean protoFiltered;
        boolean scopeFiltered;
        boolean typeFiltered;
        boolean tosFiltered;
        boolean viaHostFiltered;
        boolean srcHostFiltered;
        boolean metricFiltered;
    }

    private RouteFormat() {}

    /** One {@code ip route show} line, with its newline. */
    static String line(Route r, Options o) {
        StringBuilder sb = new StringBuilder(96);
        int fam = r.family();
        if ((r.type() != RouteType.UNICAST || o.details) && !o.typeFiltered) {
            sb.append(r.type().ipName()).append(' ');
        }
        if (r.dstLen() == 0) {
            sb.append("default ");
        } else {
            sb.append(Addr.formatPrefix(fam, r.dstHi(), r.dstLo(), r.dstLen())).append(' ');
        }
        if (r.tos() != 0 && !o.tosFiltered) {
            sb.append("tos ").append(RtNames.dsfieldName(r.tos())).append(' ');
        }
        if (r.hasGateway() && !o.viaHostFiltered) {
            sb.append("via ").append(Addr.format(fam, r.gwHi(), r.gwLo())).append(' ');
        }
        if (r.dev() != null && !o.devFiltered) {
            sb.append("dev ").append(r.dev().name()).append(' ');
        }
        if (r.table() != 0 && (r.table() != RtNames.TABLE_MAIN || o.details) && !o.tableFiltered) {
            sb.append("table ").append(RtNames.tableName(r.table())).append(' ');
        }
        if ((r.protocol() != RtNames.PROTO_BOOT || o.details) && !o.protoFiltered) {
            sb.append("proto ").append(RtNames.protoName(r.protocol())).append(' ');
        }
        if ((r.scope() != RtNames.SCOPE_UNIVERSE || o.details) && !o.scopeFiltered) {
            sb.append("scope ").append(RtNames.scopeName(r.scope())).append(' ');
        }
        if (r.hasPrefsrc() && !o.srcHostFiltered) {
            sb.append("src ").append(Addr.format(fam, r.srcHi(), r.srcLo())).append(' ');
        }
        // IPv4 sends RTA_PRIORITY only when it is not 0; IPv6 always.
        if ((fam == Addr.V6 || r.metric() != 0) && !o.metricFiltered) {
            sb.append("metric ").append(Integer.toUnsignedString(r.metric())).append(' ');
        }
        flags(sb, r);
        metrics(sb, r.mtu(), r.mtuLock());
        if (fam == Addr.V6) {
            sb.append(prefName(r.pref()));
        }
        sb.append('\n');
        return sb.toString();
    }

    static void flags(StringBuilder sb, Route r) {
        if (r.onlink()) {
            sb.append("onlink ");
        }
        if (r.isLinkDown()) {
            sb.append("linkdown ");
        }
    }

    static void metrics(StringBuilder sb, int mtu, boolean lock) {
        if (mtu != 0 || lock) {
            sb.append("mtu ");
            if (lock) {
                sb.append("lock ");
            }
            sb.append(Integer.toUnsignedString(mtu)).append(' ');
        }
    }

    static String prefName(int pref) {
        return switch (pref) {
            case Route.PREF_LOW -> "pref low";
            case Route.PREF_MEDIUM -> "pref medium";
            case Route.PREF_HIGH -> "pref high";
            default -> Integer.toString(pref);
        };
    }

    /** A route in one line without the trailing space or IPv6 preference, for explanations. */
    static String brief(Route r) {
        Options o = new Options();
        String s = line(r, o).strip();
        if (r.family() == Addr.V6 && s.endsWith(prefName(r.pref()))) {
            s = s.substring(0, s.length() - prefName(r.pref()).length()).strip();
        }
        if (r.family() == Addr.V4 && r.metric() == 0) {
            s = s + " metric 0";
        }
        return s;
    }
}
