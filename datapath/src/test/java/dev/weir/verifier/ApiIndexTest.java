package dev.weir.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the verifier reads from hooks-api's class files: user-space-only methods and methods that allocate. */
class ApiIndexTest {
    private final ApiIndex api = new ApiIndex(ApiIndexTest.class.getClassLoader());

    @Test
    void userSpaceOnlyIsFoundWhereTheMethodIsDeclared() {
        // HashMap.size() is declared (and marked) in its super-interface KeyValueMap.
        assertThat(api.userSpaceOnly("dev/weir/api/maps/HashMap", "size", "()I")).isTrue();
        assertThat(api.userSpaceOnly("dev/weir/api/maps/HashMap", "lookupLong", "(JJ)J")).isFalse();
        assertThat(api.userSpaceOnly("dev/weir/api/prog/TracePrintFormat", "problem",
                "(Ljava/lang/String;)Ljava/lang/String;")).isTrue();
    }

    @Test
    void viewsDoNotAllocateReprsDo() {
        assertThat(api.allocates("dev/weir/api/wire/EthernetFrame", "wrap", "([BII)Ldev/weir/api/wire/WireError;"))
                .isFalse();
        assertThat(api.allocates("dev/weir/api/wire/EthernetRepr", "parse",
                "(Ldev/weir/api/wire/EthernetFrame;)Ldev/weir/api/wire/EthernetRepr;")).isTrue();
        assertThat(api.allocates("dev/weir/api/maps/MapType", "values", "()[Ldev/weir/api/maps/MapType;")).isTrue();
    }

    @Test
    void buildingTheExceptionAMethodThrowsIsNotAllocation() {
        // setOperation throws IllegalArgumentException("..." + op) for a value out of range.
        assertThat(api.allocates("dev/weir/api/wire/ArpPacket", "setOperation", "(I)V")).isFalse();
    }

    @Test
    void interfaceMethodsWithoutCodeAreTrusted() {
        assertThat(api.allocates("dev/weir/api/prog/XdpContext", "tracePrint", "(Ljava/lang/String;JJJ)I")).isFalse();
        assertThat(api.resolve("dev/weir/api/prog/XdpContext", "tracePrint", "(Ljava/lang/String;JJJ)I")).isNotNull();
        assertThat(api.resolve("dev/weir/api/prog/XdpContext", "nothing", "()V")).isNull();
    }
}
