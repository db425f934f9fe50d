package dev.weir.api.maps;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation that user space, the command line and the runtime may call but a program
 * may not: iterating a map, reading every CPU's value of a per-CPU map, consuming a ring
 * buffer, putting programs into a program array or devices into a device map. Linux offers
 * these only through the {@code bpf()} system call, never as helpers. The verifier rejects a
 * program whose code calls a method carrying this annotation, naming the method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface UserSpaceOnly {
}
