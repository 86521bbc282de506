package io.ddikit.run;

import io.ddikit.sched.InstrumentingClassLoader;
import io.ddikit.suite.SuiteContext;
import io.ddikit.suite.Target;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The suite's context when the JUnit Platform, not {@code ddikit run}, starts Cucumber: a vendor's own build
 * runs the kit's features with one {@code @Suite} class. The settings below are read from system properties
 * ({@code -Dddikit.impl=acme}), then from {@value #PROPERTIES_FILE} at the root of the class path, the file the
 * JUnit Platform reads its own configuration parameters from. Cucumber hands glue none of the other
 * configuration parameters, so a {@code @ConfigurationParameter} on the suite class does not reach the kit.
 *
 * <p>The implementation is the one named by {@value #IMPL}, or else the one implementation on the class path
 * that does not come with the kit; none or several of those is an error that lists what was found. As with
 * {@code ddikit run --classpath}, the classes of the implementation are loaded again with schedule points
 * injected, so that the contention scenarios can add schedule noise to them.
 */
public final class PlatformLaunch {
    /** The implementation to test, by its name; default: the one on the class path that is not the kit's. */
    public static final String IMPL = "ddikit.impl";
    /** The API family (its id) of the implementation, when {@link #IMPL} names implementations of several. */
    public static final String FAMILY = "ddikit.family";
    /** Seed of every randomised choice; default: a new one, printed so that a run can be replayed. */
    public static final String SEED = "ddikit.seed";
    /** Simulated processors per machine, 1 to 64; default {@value SuiteContext#DEFAULT_PROCESSORS}. */
    public static final String PROCESSORS = "ddikit.processors";
    /** Bound on one call into the implementation, in seconds; default 5. */
    public static final String CALL_TIMEOUT = "ddikit.call-timeout";
    /** Schedules the controlled tier explores per contention scenario; default {@value SuiteContext.Schedules#DEFAULT_EXPLORE}. */
    public static final String EXPLORE = "ddikit.explore";
    /** The one schedule of the controlled tier to replay (its id), with no stress tier. */
    public static final String REPLAY = "ddikit.replay";
    /** Where the settings are read from when they are not system properties. */
    public static final String PROPERTIES_FILE = "junit-platform.properties";

    private PlatformLaunch() {
    }

    /**
     * The context for a suite started by the JUnit Platform, from the system properties and the class path's
     * {@value #PROPERTIES_FILE}.
     */
    public static SuiteContext context() throws RunInputException {
        ClassLoader loader = PlatformLaunch.class.getClassLoader();
        Properties file = propertiesFile(loader);
        return context(key -> {
            String v = System.getProperty(key);
            return v != null ? v : file.getProperty(key);
        }, TargetResolver.over(List.of()).discover());
    }

    /**
     * Whether the implementation's classes run with schedule points (see {@code io.ddikit.sched}); those of an
     * implementation whose classes could not be loaded again do not.
     */
    public static boolean withSchedulePoints(Target target) {
        return target.handle().getClass().getClassLoader() instanceof InstrumentingClassLoader;
    }

    /**
     * The context from the given settings ({@code null} for a setting not given), choosing among the
     * implementations found.
     */
    static SuiteContext context(UnaryOperator<String> settings, Map<String, Target> found) throws RunInputException {
        int processors = (int) number(settings, PROCESSORS, SuiteContext.DEFAULT_PROCESSORS);
        if (processors < 1 || processors > 64) {
            throw new RunInputException(PROCESSORS + " must be 1 to 64, not " + processors);
        }
        Duration callTimeout = callTimeout(settings);
        long seed = number(settings, SEED, ThreadLocalRandom.current().nextLong());
        long explore = number(settings, EXPLORE, SuiteContext.Schedules.DEFAULT_EXPLORE);
        if (explore < 0 || explore > SuiteContext.Schedules.MAX_EXPLORE) {
            throw new RunInputException(EXPLORE + " must be 0 to " + SuiteContext.Schedules.MAX_EXPLORE + ", not " + explore);
        }
        String replay = blankToNull(settings.apply(REPLAY));
        if (replay != null) {
            try {
                replay = io.ddikit.sched.ScheduleId.parse(replay).toString();
            } catch (IllegalArgumentException e) {
                throw new RunInputException(REPLAY + ": " + e.getMessage());
            }
        }
        String family = blankToNull(settings.apply(FAMILY));
        Map<String, Target> inFamily = new java.util.LinkedHashMap<>();
        found.forEach((k, t) -> {
            if (family == null || t.family().equals(family)) {
                inFamily.put(k, t);
            }
        });
        Target chosen = choose(inFamily, blankToNull(settings.apply(IMPL)));
        return new SuiteContext(instrumented(chosen), processors, callTimeout, seed,
                new SuiteContext.Schedules((int) explore, replay, SuiteContext.Schedules.MAVEN));
    }

    /**
     * The implementation named {@code requested}, or, with no name, the one that does not come with the kit.
     *
     * @param found every implementation on the class path, by name
     */
    static Target choose(Map<String, Target> found, String requested) throws RunInputException {
        if (requested != null) {
            List<Target> named = found.values().stream().filter(t -> t.name().equals(requested)).toList();
            if (named.isEmpty()) {
                throw new RunInputException("no implementation named '" + requested + "' (" + IMPL + "); found: "
                        + describe(found.values()));
            }
            if (named.size() > 1) {
                throw new RunInputException("'" + requested + "' implements several API families ("
                        + String.join(", ", named.stream().map(Target::family).toList()) + "); choose one with -D" + FAMILY + "=ID");
            }
            return named.get(0);
        }
        List<Target> own = found.values().stream().filter(t -> !bundled(t)).toList();
        if (own.size() == 1) {
            return own.get(0);
        }
        if (own.isEmpty()) {
            throw new RunInputException("no implementation on the class path besides the kit's own ("
                    + String.join(", ", found.keySet()) + "): list your provider class in "
                    + "META-INF/services/ under the name of the SPI's provider interface, or choose one with "
                    + how());
        }
        throw new RunInputException("several implementations on the class path: " + describe(own)
                + "; choose one with " + how());
    }

    private static String how() {
        return "-D" + IMPL + "=NAME or " + IMPL + "=NAME in " + PROPERTIES_FILE;
    }

    private static boolean bundled(Target t) {
        String type = t.handle().getClass().getName();
        return Families.kit().implementationPackages().stream().anyMatch(type::startsWith);
    }

    private static String describe(Collection<Target> targets) {
        if (targets.isEmpty()) {
            return "none";
        }
        return targets.stream().map(t -> "'" + t.name() + "' (" + t.handle().getClass().getName() + ")")
                .collect(Collectors.joining(", "));
    }

    /**
     * The same implementation loaded with schedule points: a bundled one already is; a vendor's is loaded again
     * from the jar or folder its provider class came from. One whose origin is unknown runs as it was found.
     */
    private static Target instrumented(Target t) throws RunInputException {
        if (bundled(t)) {
            return t;
        }
        Path origin = origin(t.handle().getClass());
        if (origin == null) {
            return t;
        }
        Target again = TargetResolver.over(List.of(origin)).discover().get(TargetResolver.key(t.family(), t.name()));
        return again != null && again.handle().getClass().getName().equals(t.handle().getClass().getName()) ? again : t;
    }

    private static Path origin(Class<?> type) {
        CodeSource source = type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null || !"file".equals(location.getProtocol())) {
            return null;
        }
        try {
            return Path.of(location.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Duration callTimeout(UnaryOperator<String> settings) throws RunInputException {
        String text = blankToNull(settings.apply(CALL_TIMEOUT));
        if (text == null) {
            return SuiteContext.DEFAULT_CALL_TIMEOUT;
        }
        try {
            double seconds = Double.parseDouble(text);
            if (!(seconds > 0) || seconds > 3600) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            throw new RunInputException(CALL_TIMEOUT + " must be a number of seconds above 0, not '" + text + "'");
        }
    }

    private static long number(UnaryOperator<String> settings, String key, long otherwise) throws RunInputException {
        String text = blankToNull(settings.apply(key));
        if (text == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new RunInputException(key + " must be a whole number, not '" + text + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Properties propertiesFile(ClassLoader loader) throws RunInputException {
        Properties p = new Properties();
        URL url = loader.getResource(PROPERTIES_FILE);
        if (url != null) {
            try (InputStream in = url.openStream()) {
                p.load(in);
            } catch (IOException e) {
                throw new RunInputException(url + ": cannot be read: " + e.getMessage(), e);
            }
        }
        return p;
    }
}
