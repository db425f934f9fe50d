package dev.weir.core;

/**
 * The per-host SNMP and extended counters, named exactly as {@code nstat} prints them (the
 * {@code /proc/net/snmp}, {@code /proc/net/netstat} and {@code /proc/net/snmp6} names with
 * their table prefix). A host keeps one {@code long} per constant in {@link Counters}.
 */
public enum Mib {
    // /proc/net/snmp Ip:
    IpForwarding, IpDefaultTTL, IpInReceives, IpInHdrErrors, IpInAddrErrors, IpForwDatagrams,
    IpInUnknownProtos, IpInDiscards, IpInDelivers, IpOutRequests, IpOutDiscards, IpOutNoRoutes,
    IpReasmTimeout, IpReasmReqds, IpReasmOKs, IpReasmFails, IpFragOKs, IpFragFails, IpFragCreates,
    IpOutTransmits,
    // Icmp:
    IcmpInMsgs, IcmpInErrors, IcmpInCsumErrors, IcmpInDestUnreachs, IcmpInTimeExcds, IcmpInParmProbs,
    IcmpInSrcQuenchs, IcmpInRedirects, IcmpInEchos, IcmpInEchoReps, IcmpInTimestamps, IcmpInTimestampReps,
    IcmpOutMsgs, IcmpOutErrors, IcmpOutRateLimitGlobal, IcmpOutRateLimitHost, IcmpOutDestUnreachs,
    IcmpOutTimeExcds, IcmpOutParmProbs, IcmpOutRedirects, IcmpOutEchos, IcmpOutEchoReps,
    // Tcp:
    TcpActiveOpens, TcpPassiveOpens, TcpAttemptFails, TcpEstabResets, TcpCurrEstab, TcpInSegs, TcpOutSegs,
    TcpRetransSegs, TcpInErrs, TcpOutRsts, TcpInCsumErrors,
    // Udp:
    UdpInDatagrams, UdpNoPorts, UdpInErrors, UdpOutDatagrams, UdpRcvbufErrors, UdpSndbufErrors,
    UdpInCsumErrors, UdpIgnoredMulti, UdpMemErrors,
    // /proc/net/netstat TcpExt: (the subset Weir's TCP maintains; more join as TCP grows)
    TcpExtSyncookiesSent, TcpExtSyncookiesRecv, TcpExtSyncookiesFailed, TcpExtEmbryonicRsts,
    TcpExtPruneCalled, TcpExtOfoPruned, TcpExtOutOfWindowIcmps, TcpExtTW, TcpExtTWRecycled, TcpExtTWKilled,
    TcpExtPAWSActive, TcpExtPAWSEstab, TcpExtDelayedACKs, TcpExtDelayedACKLocked, TcpExtDelayedACKLost,
    TcpExtListenOverflows, TcpExtListenDrops, TcpExtTCPHPHits, TcpExtTCPPureAcks, TcpExtTCPHPAcks,
    TcpExtTCPRenoRecovery, TcpExtTCPSackRecovery, TcpExtTCPSACKReneging, TcpExtTCPSACKReorder,
    TcpExtTCPRenoReorder, TcpExtTCPTSReorder, TcpExtTCPFullUndo, TcpExtTCPPartialUndo, TcpExtTCPDSACKUndo,
    TcpExtTCPLossUndo, TcpExtTCPLostRetransmit, TcpExtTCPRenoFailures, TcpExtTCPSackFailures,
    TcpExtTCPLossFailures, TcpExtTCPFastRetrans, TcpExtTCPSlowStartRetrans, TcpExtTCPTimeouts,
    TcpExtTCPLossProbes, TcpExtTCPLossProbeRecovery, TcpExtTCPRenoRecoveryFail, TcpExtTCPSackRecoveryFail,
    TcpExtTCPRcvCollapsed, TcpExtTCPDSACKOldSent, TcpExtTCPDSACKOfoSent, TcpExtTCPDSACKRecv,
    TcpExtTCPDSACKOfoRecv, TcpExtTCPAbortOnData, TcpExtTCPAbortOnClose, TcpExtTCPAbortOnMemory,
    TcpExtTCPAbortOnTimeout, TcpExtTCPAbortOnLinger, TcpExtTCPAbortFailed, TcpExtTCPMemoryPressures,
    TcpExtTCPSACKDiscard, TcpExtTCPDSACKIgnoredOld, TcpExtTCPDSACKIgnoredNoUndo, TcpExtTCPSpuriousRTOs,
    TcpExtTCPSackShifted, TcpExtTCPSackMerged, TcpExtTCPSackShiftFallback, TcpExtTCPBacklogDrop,
    TcpExtTCPMinTTLDrop, TcpExtTCPDeferAcceptDrop, TcpExtTCPTimeWaitOverflow, TcpExtTCPReqQFullDoCookies,
    TcpExtTCPReqQFullDrop, TcpExtTCPRetransFail, TcpExtTCPRcvCoalesce, TcpExtTCPOFOQueue, TcpExtTCPOFODrop,
    TcpExtTCPOFOMerge, TcpExtTCPChallengeACK, TcpExtTCPSYNChallenge, TcpExtTCPSpuriousRtxHostQueues,
    TcpExtTCPAutoCorking, TcpExtTCPFromZeroWindowAdv, TcpExtTCPToZeroWindowAdv, TcpExtTCPWantZeroWindowAdv,
    TcpExtTCPSynRetrans, TcpExtTCPOrigDataSent, TcpExtTCPHystartTrainDetect, TcpExtTCPHystartTrainCwnd,
    TcpExtTCPHystartDelayDetect, TcpExtTCPHystartDelayCwnd, TcpExtTCPACKSkippedSynRecv,
    TcpExtTCPACKSkippedPAWS, TcpExtTCPACKSkippedSeq, TcpExtTCPACKSkippedFinWait2, TcpExtTCPACKSkippedTimeWait,
    TcpExtTCPACKSkippedChallenge, TcpExtTCPWinProbe, TcpExtTCPKeepAlive, TcpExtTCPDelivered,
    TcpExtTCPDeliveredCE, TcpExtTCPAckCompressed, TcpExtTCPZeroWindowDrop, TcpExtTCPRcvQDrop,
    TcpExtTCPWqueueTooBig, TcpExtTCPDSACKRecvSegs, TcpExtTCPDSACKIgnoredDubious, TcpExtTCPMigrateReqSuccess,
    TcpExtTCPRcvSpaceAdjust, TcpExtIPReversePathFilter,
    // IpExt:
    IpExtInNoRoutes, IpExtInTruncatedPkts, IpExtInMcastPkts, IpExtOutMcastPkts, IpExtInBcastPkts,
    IpExtOutBcastPkts, IpExtInOctets, IpExtOutOctets, IpExtInMcastOctets, IpExtOutMcastOctets,
    IpExtInBcastOctets, IpExtOutBcastOctets, IpExtInCsumErrors, IpExtInNoECTPkts, IpExtInECT1Pkts,
    IpExtInECT0Pkts, IpExtInCEPkts, IpExtReasmOverlaps,
    // /proc/net/snmp6 Ip6:
    Ip6InReceives, Ip6InHdrErrors, Ip6InTooBigErrors, Ip6InNoRoutes, Ip6InAddrErrors, Ip6InUnknownProtos,
    Ip6InTruncatedPkts, Ip6InDiscards, Ip6InDelivers, Ip6OutForwDatagrams, Ip6OutRequests, Ip6OutDiscards,
    Ip6OutNoRoutes, Ip6ReasmTimeout, Ip6ReasmReqds, Ip6ReasmOKs, Ip6ReasmFails, Ip6FragOKs, Ip6FragFails,
    Ip6FragCreates, Ip6InMcastPkts, Ip6OutMcastPkts, Ip6InOctets, Ip6OutOctets, Ip6InMcastOctets,
    Ip6OutMcastOctets, Ip6InBcastOctets, Ip6OutBcastOctets, Ip6InNoECTPkts, Ip6InECT1Pkts, Ip6InECT0Pkts,
    Ip6InCEPkts, Ip6OutTransmits,
    // Icmp6:
    Icmp6InMsgs, Icmp6InErrors, Icmp6OutMsgs, Icmp6OutErrors, Icmp6InCsumErrors, Icmp6OutRateLimitHost,
    Icmp6InDestUnreachs, Icmp6InPktTooBigs, Icmp6InTimeExcds, Icmp6InParmProblems, Icmp6InEchos,
    Icmp6InEchoReplies, Icmp6InRouterSolicits, Icmp6InRouterAdvertisements, Icmp6InNeighborSolicits,
    Icmp6InNeighborAdvertisements, Icmp6InRedirects, Icmp6OutDestUnreachs, Icmp6OutPktTooBigs,
    Icmp6OutTimeExcds, Icmp6OutParmProblems, Icmp6OutEchos, Icmp6OutEchoReplies, Icmp6OutRouterSolicits,
    Icmp6OutRouterAdvertisements, Icmp6OutNeighborSolicits, Icmp6OutNeighborAdvertisements,
    Icmp6OutRedirects,
    // Udp6:
    Udp6InDatagrams, Udp6NoPorts, Udp6InErrors, Udp6OutDatagrams, Udp6RcvbufErrors, Udp6SndbufErrors,
    Udp6InCsumErrors, Udp6IgnoredMulti, Udp6MemErrors;

    /** The name nstat prints. */
    public String nstatName() {
        return name();
    }
}
