package dev.weir.api.prog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgramTypeTest {
    static final class Pass implements XdpProgram {
        @Override
        public int run(XdpContext ctx) {
            return XdpAction.PASS;
        }
    }

    static final class Count implements TracepointProgram {
        @Override
        public void run(TraceContext ctx) {}
    }

    static final class Reno implements CongestionControl {
        @Override
        public String name() {
            return "reno";
        }

        @Override
        public int ssthresh(TcpSockView sk) {
            return sk.renoSsthresh();
        }

        @Override
        public void congAvoid(TcpSock sk, int ack, int acked) {
            sk.renoCongAvoid(ack, acked);
        }

        @Override
        public int undoCwnd(TcpSockView sk) {
            return sk.renoUndoCwnd();
        }
    }

    static final class Model implements CongestionControl {
        @Override
        public String name() {
            return "model";
        }

        @Override
        public int ssthresh(TcpSockView sk) {
            return sk.sndSsthresh();
        }

        @Override
        public void congControl(TcpSock sk, int ack, int flag, RateSample rs) {}

        @Override
        public int undoCwnd(TcpSockView sk) {
            return sk.sndCwnd();
        }
    }

    static final class Incomplete implements CongestionControl {
        @Override
        public String name() {
            return "half";
        }

        @Override
        public int ssthresh(TcpSockView sk) {
            return 2;
        }

        @Override
        public int undoCwnd(TcpSockView sk) {
            return 2;
        }
    }

    @Test
    void typeOfAProgramIsTheInterfaceItImplements() {
        assertThat(ProgramType.of(new Pass())).isEqualTo(ProgramType.XDP);
        assertThat(ProgramType.of(new Count())).isEqualTo(ProgramType.TRACEPOINT);
        assertThat(ProgramType.of(new Reno())).isEqualTo(ProgramType.CONGESTION_CONTROL);
        assertThat(ProgramType.of("not a program")).isNull();
        assertThat(ProgramType.of(null)).isNull();
        assertThat(ProgramType.XDP.abortVerdict()).isEqualTo(XdpAction.ABORTED);
        assertThat(ProgramType.TC.abortVerdict()).isEqualTo(TcAction.SHOT);
        assertThat(ProgramType.NETFILTER.abortVerdict()).isEqualTo(NfVerdict.DROP);
        assertThat(ProgramType.CONGESTION_CONTROL.tailCalls()).isFalse();
        assertThat(ProgramType.TC.linuxName()).isEqualTo("sched_cls");
    }

    @Test
    void registrationRefusesAnAlgorithmWithNeitherCongAvoidNorCongControl() {
        // tcp_register_congestion_control: "all algorithms must implement ssthresh, undo_cwnd and cong_avoid or cong_control"
        assertThat(CongestionControl.completenessProblem(Reno.class)).isNull();
        assertThat(CongestionControl.completenessProblem(Model.class)).isNull();
        assertThat(CongestionControl.completenessProblem(Incomplete.class))
                .contains(Incomplete.class.getName()).contains("neither congAvoid nor congControl");
        assertThat(CongestionControl.overridesCongControl(Model.class)).isTrue();
        assertThat(CongestionControl.overridesCongControl(Reno.class)).isFalse();
    }
}
