package dev.weir.maps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.maps.DevMap;
import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.ProgramType;
import dev.weir.api.prog.SkbContext;
import dev.weir.api.prog.TcProgram;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;
import dev.weir.api.wire.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PROG_ARRAY (Linux's fd_array: bounds, owner type) and DEVMAP (array-like, ENODEV). */
class ProgramAndDevMapTest {
    static final class Pass implements XdpProgram {
        @Override
        public int run(XdpContext ctx) {
            return XdpAction.PASS;
        }
    }

    static final class Drop implements XdpProgram {
        @Override
        public int run(XdpContext ctx) {
            return XdpAction.DROP;
        }
    }

    static final class Ok implements TcProgram {
        @Override
        public int run(SkbContext ctx) {
            return 0;
        }
    }

    final MapRegistry reg = new MapRegistry("h", CpuContext.settable(1));

    @Test
    void programArrayBoundsAndOwnerType() {
        ProgramArrayMapImpl pa = (ProgramArrayMapImpl) reg.create(new MapDef("jmp", MapType.PROG_ARRAY, 4, 4, 4));
        XdpProgram pass = new Pass();
        assertThat(pa.set(4, pass)).isEqualTo(MapError.E2BIG);
        assertThat(pa.set(-1, pass)).isEqualTo(MapError.E2BIG);
        assertThat(pa.set(0, "not a program")).isEqualTo(MapError.EINVAL);
        assertThat(pa.set(0, pass)).isZero();
        assertThat(pa.owner()).isEqualTo(ProgramType.XDP);
        assertThat(pa.set(1, new Ok())).isEqualTo(MapError.EPERM);
        assertThat(pa.set(3, new Drop())).isZero();
        assertThat(pa.get(0)).isSameAs(pass);
        assertThat(pa.get(1)).isNull();
        assertThat(pa.get(99)).isNull();
        assertThat(pa.clear(1)).isEqualTo(MapError.ENOENT);
        assertThat(pa.clear(0)).isZero();
        assertThat(pa.get(0)).isNull();
        assertThat(pa.userCount()).isEqualTo(1);
    }

    @Test
    void programArrayUserSpaceSpeaksProgramIds() {
        ProgramArrayMapImpl pa = (ProgramArrayMapImpl) reg.create(new MapDef("jmp", MapType.PROG_ARRAY, 4, 4, 4));
        XdpProgram a = new Pass();
        XdpProgram b = new Drop();
        reg.setProgramResolver(new ProgramResolver() {
            @Override
            public Object byId(int id) {
                return id == 11 ? a : id == 12 ? b : null;
            }

            @Override
            public int idOf(Object program) {
                return program == a ? 11 : program == b ? 12 : 0;
            }
        });
        assertThat(reg.update(pa, new byte[] {0, 0, 0, 2}, new byte[] {0, 0, 0, 12}, MapFlags.ANY)).isZero();
        assertThat(pa.get(2)).isSameAs(b);
        assertThat(reg.update(pa, new byte[] {0, 0, 0, 2}, new byte[] {0, 0, 0, 99}, MapFlags.ANY)).isEqualTo(MapError.EINVAL);
        assertThat(reg.lookup(pa, new byte[] {0, 0, 0, 2})).containsExactly(0, 0, 0, 12);
        assertThat(reg.lookup(pa, new byte[] {0, 0, 0, 1})).isNull();
        assertThat(reg.keys(pa)).hasSize(1);
    }

    @Test
    void devMapSlotsNameExistingDevices() {
        reg.setDeviceCheck(ifindex -> ifindex == 2 || ifindex == 3);
        DevMap d = (DevMap) reg.create(new MapDef("tx", MapType.DEVMAP, 4, 4, 8));
        assertThat(d.set(0, 2)).isZero();
        assertThat(d.set(1, 7)).isEqualTo(MapError.ENODEV);
        assertThat(d.set(8, 2)).isEqualTo(MapError.E2BIG);
        assertThat(d.lookupIfindex(0)).isEqualTo(2);
        assertThat(d.lookupIfindex(1)).isZero();
        assertThat(d.lookupIfindex(100)).isZero();
        byte[] v = new byte[4];
        assertThat(d.lookup(new byte[] {0, 0, 0, 1}, 0, v, 0)).isEqualTo(MapError.ENOENT);
        Bytes.put32(v, 0, 3);
        assertThat(d.update(new byte[] {0, 0, 0, 5}, 0, v, 0, MapFlags.NOEXIST)).isEqualTo(MapError.EEXIST);
        assertThat(d.update(new byte[] {0, 0, 0, 5}, 0, v, 0, MapFlags.ANY)).isZero();
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.clear(5)).isZero();
        assertThat(d.clear(5)).isZero();
        assertThat(d.clear(9)).isEqualTo(MapError.EINVAL);
        assertThat(d.size()).isEqualTo(1);
        // user-space iteration visits every slot, as an array's does
        assertThat(reg.keys((MapImpl) d)).hasSize(8);
        assertThat(MapText.dump((MapImpl) d)).startsWith("key: 00 00 00 00  value: 00 00 00 02\nkey: 00 00 00 01  value: <no entry>\n")
                .endsWith("Found 1 element\n");
        assertThat(List.of(reg.lookupBatch((MapImpl) d, null, 8).count())).containsExactly(1);
    }
}
