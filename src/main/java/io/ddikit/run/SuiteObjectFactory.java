package io.ddikit.run;

import io.cucumber.core.backend.ObjectFactory;
import io.ddikit.suite.SuiteContext;
import io.ddikit.suite.Target;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes Cucumber's glue objects (step definitions and hooks) and hands each one the run's {@link SuiteContext}: a glue
 * class with a public constructor taking a {@code SuiteContext} gets the context, any other its no-argument
 * constructor. One instance of each glue class per scenario, as Cucumber's own factory does. No static state: the
 * context belongs to this factory, which belongs to one Cucumber runtime.
 *
 * <p>{@code ddikit run} makes one with the run's context ({@link SuiteRunner}). When the JUnit Platform starts Cucumber
 * in a vendor's build, Cucumber finds this factory through {@code META-INF/services/io.cucumber.core.backend.ObjectFactory}
 * and the context is made from the vendor's settings ({@link PlatformLaunch}) the first time a glue object needs it.
 */
public final class SuiteObjectFactory implements ObjectFactory {
    private SuiteContext context;
    private final Map<Class<?>, Object> instances = new HashMap<>();

    /** For Cucumber's service loader: the context comes from {@link PlatformLaunch} when first needed. */
    public SuiteObjectFactory() {
        this.context = null;
    }

    /** With the run's context. */
    public SuiteObjectFactory(SuiteContext context) {
        this.context = java.util.Objects.requireNonNull(context, "context");
    }

    /** The run's context; made from the platform's settings on first use when none was given. */
    synchronized SuiteContext context() {
        if (context == null) {
            try {
                context = PlatformLaunch.context();
            } catch (RunInputException e) {
                throw new IllegalStateException("ddikit: " + e.getMessage(), e);
            }
            Target t = context.target();
            System.out.printf("ddikit: the suite against %s %s of %s (%s, %s), %d processors, seed %d (-D%s=%d replays it)%n",
                    t.name(), t.version(), t.family(), t.handle().getClass().getName(),
                    PlatformLaunch.withSchedulePoints(t) ? "with schedule points" : "without schedule points: its classes could not be loaded again",
                    context.processors(), context.seed(), PlatformLaunch.SEED, context.seed());
        }
        return context;
    }

    @Override
    public boolean addClass(Class<?> glueClass) {
        return true;
    }

    @Override
    public void start() {
        instances.clear();
    }

    @Override
    public void stop() {
        instances.clear();
    }

    @Override
    public <T> T getInstance(Class<T> glueClass) {
        Object instance = instances.get(glueClass);
        if (instance == null) {
            instance = create(glueClass);
            instances.put(glueClass, instance);
        }
        return glueClass.cast(instance);
    }

    private Object create(Class<?> glueClass) {
        try {
            for (Constructor<?> c : glueClass.getConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == SuiteContext.class) {
                    return c.newInstance(context());
                }
            }
            return glueClass.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("glue class " + glueClass.getName() + " could not be made: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("glue class " + glueClass.getName() + " needs a public constructor taking a "
                    + SuiteContext.class.getSimpleName() + " or none: " + e, e);
        }
    }
}
