package dev.weir.api.prog;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Optional description of a program class, shown by {@code weir prog list|show}. Without it a
 * program is named after its class's simple name.
 *
 * <pre>{@code
 * @ProgramInfo(name = "drop_udp", description = "drops UDP to port 9 at XDP")
 * public final class DropUdp implements XdpProgram { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ProgramInfo {
    /** The program's name: 1 to 63 characters from {@code [A-Za-z0-9_.-]}. */
    String name();

    /** One line saying what it does. */
    String description() default "";
}
