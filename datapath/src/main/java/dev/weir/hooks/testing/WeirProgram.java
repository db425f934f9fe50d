package dev.weir.hooks.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The program a {@link ProgramUnderTest} field or parameter gets, loaded by
 * {@link WeirProgramExtension}: a class on the test class path ({@link #value}) or a file
 * ({@link #path}: {@code .java}, {@code .class}, {@code .jar}, relative to the working
 * directory, which is the module's directory under Maven). Exactly one of them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
public @interface WeirProgram {
    /** The program class (read from the class path and verified like a file). */
    Class<?> value() default void.class;

    /** A program file. */
    String path() default "";

    /** The program class in a file holding several ({@code path} only); empty: the single one. */
    String className() default "";

    /** The random seed of the environment. */
    long seed() default 1;
}
