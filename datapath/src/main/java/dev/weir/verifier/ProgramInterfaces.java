package dev.weir.verifier;

/**
 * Which interfaces are program interfaces: an interface of {@code dev.weir.api.prog} whose name
 * ends in {@code Program} ({@code XdpProgram} is the program type "Xdp").
 */
final class ProgramInterfaces {
    static final String PACKAGE = "dev/weir/api/prog/";

    private ProgramInterfaces() {
    }

    /** The program type an interface stands for, or null if it is not a program interface. */
    static String typeOf(String internalName) {
        if (!internalName.startsWith(PACKAGE) || internalName.indexOf('/', PACKAGE.length()) >= 0
                || !internalName.endsWith("Program") || internalName.length() == PACKAGE.length() + "Program".length()) {
            return null;
        }
        return internalName.substring(PACKAGE.length(), internalName.length() - "Program".length());
    }
}
