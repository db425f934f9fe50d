package dev.weir.hooks.testing;

import dev.weir.hooks.TestRun;
import java.lang.reflect.Field;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests a program loaded into a fresh test-run environment:
 * fields and parameters of type {@link ProgramUnderTest} annotated {@link WeirProgram} (fields
 * are set before each test, so every test starts with empty maps), and parameters of type
 * {@link TestRun} (a fresh environment). A program the verifier refuses fails the test with
 * the verifier's log.
 */
public final class WeirProgramExtension implements BeforeEachCallback, ParameterResolver {
    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Object test = context.getRequiredTestInstance();
        for (Class<?> c = test.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                WeirProgram w = f.getAnnotation(WeirProgram.class);
                if (w == null) {
                    continue;
                }
                if (f.getType() != ProgramUnderTest.class) {
                    throw new ExtensionConfigurationException("@WeirProgram field " + c.getSimpleName() + "." + f.getName()
                            + " must be a ProgramUnderTest, not a " + f.getType().getSimpleName());
                }
                f.setAccessible(true);
                f.set(test, load(w, c.getSimpleName() + "." + f.getName()));
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> t = p.getParameter().getType();
        return t == TestRun.class || (t == ProgramUnderTest.class && p.isAnnotated(WeirProgram.class));
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        if (p.getParameter().getType() == TestRun.class) {
            return new TestRun();
        }
        WeirProgram w = p.findAnnotation(WeirProgram.class).orElseThrow();
        try {
            return load(w, "parameter " + p.getParameter().getName());
        } catch (ExtensionConfigurationException x) {
            throw new ParameterResolutionException(x.getMessage(), x);
        }
    }

    static ProgramUnderTest load(WeirProgram w, String where) {
        boolean hasClass = w.value() != void.class;
        boolean hasPath = !w.path().isEmpty();
        if (hasClass == hasPath) {
            throw new ExtensionConfigurationException("@WeirProgram on " + where + ": give exactly one of value (a class) or path (a file)");
        }
        TestRun t = new TestRun(w.seed());
        if (hasClass) {
            return new ProgramUnderTest(t, t.load(w.value()));
        }
        return new ProgramUnderTest(t, t.load(Path.of(w.path()), w.className().isEmpty() ? null : w.className()));
    }
}
