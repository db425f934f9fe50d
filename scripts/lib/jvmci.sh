# Sourced by Weir's scripts: the JVM flags that put the Graal compiler on a stock JDK 25, so
# JavaScript programs run JIT-compiled (DESIGN.md, Programs). The build copies the five jars to
# <module>/target/jvmci.

weir_jvmci_opts() {
    # Prints the flags for the jars in directory $1, or nothing (and a note) when one is missing.
    local dir="$1" jar path=""
    for jar in compiler collections word nativeimage truffle-compiler; do
        if [ ! -f "$dir/$jar.jar" ]; then
            echo "weir: $dir/$jar.jar is missing: JavaScript programs will run interpreted (build with ./mvnw package)." >&2
            return 0
        fi
        path="${path:+$path:}$dir/$jar.jar"
    done
    echo "-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=$path --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
}
