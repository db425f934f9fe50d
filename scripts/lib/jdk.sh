# Sourced by Weir's scripts: finds a JDK 25 or newer and exports JAVA_HOME.
# Order: $JAVA_HOME, then the usual install places. Says clearly when there is none.

weir_jdk_major() {
    # Prints the feature version of the JDK at $1 (from its release file), or nothing.
    local rel="$1/release"
    [ -r "$rel" ] || return 0
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel" | head -n 1
}

weir_find_jdk() {
    local want=25 cand major
    local -a cands=()
    [ -n "${JAVA_HOME:-}" ] && cands+=("$JAVA_HOME")
    for cand in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
                "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [ -d "$cand" ] && cands+=("$cand")
    done
    for cand in "${cands[@]}"; do
        major=$(weir_jdk_major "$cand")
        if [ -n "$major" ] && [ "$major" -ge "$want" ] && [ -x "$cand/bin/java" ]; then
            export JAVA_HOME="$cand"
            return 0
        fi
    done
    {
        echo "weir: no JDK $want or newer found."
        [ -n "${JAVA_HOME:-}" ] && echo "  JAVA_HOME=$JAVA_HOME is JDK $(weir_jdk_major "$JAVA_HOME")."
        echo "  Looked in JAVA_HOME and /usr/lib/jvm, /usr/java, /opt/java, ~/.sdkman, ~/.jdks."
        echo "  Install one (for example Eclipse Temurin 25 from https://adoptium.net, or apt-get install temurin-25-jdk)"
        echo "  and set JAVA_HOME to it."
    } >&2
    return 1
}

# Maven 3.9's Guice uses sun.misc.Unsafe; JDK 25 warns about it on every build. Quiet that warning.
weir_quiet_maven() {
    case " ${MAVEN_OPTS:-} " in
        *sun-misc-unsafe-memory-access*) ;;
        *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
}
