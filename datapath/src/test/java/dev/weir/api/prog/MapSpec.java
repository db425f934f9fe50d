package dev.weir.api.prog;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** TEST-ONLY stand-in for the map declaration annotation. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface MapSpec {
    String name() default "";

    String type() default "HASH";

    int keySize() default 8;

    int valueSize() default 8;

    int maxEntries() default 1024;

    boolean pinned() default false;
}
