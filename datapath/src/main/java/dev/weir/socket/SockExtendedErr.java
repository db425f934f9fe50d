package dev.weir.socket;

/**
 * One entry of a socket's error queue, read with {@code MSG_ERRQUEUE} when {@code IP_RECVERR} /
 * {@code IPV6_RECVERR} is on: Linux's {@code struct sock_extended_err} with the offender address
 * ({@code SO_EE_OFFENDER}), the address the failed packet was sent to ({@code msg_name}) and the
 * bytes the error quotes (for UDP the payload after the UDP header, for ping sockets the ICMP
 * header of the echo request and what follows).
 *
 * @param errno {@code ee_errno}: the error ({@code ECONNREFUSED}, {@code EMSGSIZE}...)
 * @param origin {@code ee_origin}: {@link SockOpt#SO_EE_ORIGIN_LOCAL}, {@code _ICMP} or {@code _ICMP6}
 * @param type ICMP type ({@code ee_type}), 0 for a local error
 * @param code ICMP code ({@code ee_code})
 * @param info {@code ee_info}: the MTU for fragmentation needed / packet too big and local
 *     {@code EMSGSIZE}, the pointer of a parameter problem
 * @param offender who sent the ICMP error (port 0), or null for a local error
 * @param target where the failed packet was going ({@code msg_name}; its port is the
 *     destination port)
 * @param payload the quoted bytes
 * @param truesize what the entry counts against the receive buffer
 */
public record SockExtendedErr(int errno, int origin, int type, int code, int info, SockAddr offender, SockAddr target,
        byte[] payload, long truesize) {}
