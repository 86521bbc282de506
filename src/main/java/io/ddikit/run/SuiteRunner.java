package io.ddikit.run;

import io.cucumber.core.options.CommandlineOptionsParser;
import io.cucumber.core.options.RuntimeOptions;
import io.cucumber.core.runtime.Runtime;
import io.ddikit.result.ImplementationInfo;
import io.ddikit.result.KitVersion;
import io.ddikit.result.RunInfo;
import io.ddikit.result.ScenarioResult;
import io.ddikit.suite.SuiteContext;
import io.ddikit.suite.Target;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the features against one implementation in this JVM, streaming each scenario's result to a
 * {@link ResultStore} in {@code outDir} as it ends, beside Cucumber's own messages, HTML and JUnit XML.
 * Runs are sequential: the suite context is process-wide.
 */
public final class SuiteRunner {
    /** Glue of every suite: the engine's hooks. The family's steps are added by the request. */
    public static final String ENGINE_GLUE = "io.ddikit.suite.glue";

    /**
     * What to run.
     *
     * @param target        the implementation
     * @param features      feature files or folders
     * @param glue          packages of step definitions: the family's ({@link io.ddikit.suite.ApiFamily#glue()})
     * @param tags          a Cucumber tag expression selecting scenarios, or empty for all
     * @param processors    simulated processors per machine
     * @param callTimeout   bound on one call into the implementation
     * @param seed          seed of every randomised choice
     * @param outDir        where this implementation's results go
     * @param root          the project root, to which feature paths in results are made relative
     * @param loader        class loader that sees the implementation and the glue
     * @param progress      told of each scenario as it ends (may be a no-op)
     * @param pages         each page's file and fingerprint, recorded with the run
     * @param schedules     what the controlled-schedule tier explores
     * @param messagesOnly    a worker's run: write only Cucumber's messages, no result store and no HTML or JUnit report
     *                        (the kit's process writes the results it is sent, and Cucumber's reports from the messages)
     */
    public record Request(Target target, List<Path> features, List<String> glue, String tags, int processors,
                          Duration callTimeout, long seed, Path outDir, Path root, ClassLoader loader,
                          Consumer<ScenarioResult> progress, java.util.Map<String, String> pages,
                          SuiteContext.Schedules schedules, boolean messagesOnly) {
        /** A request that writes all of Cucumber's reports, with the default schedules. */
        public Request(Target target, List<Path> features, List<String> glue, String tags, int processors,
                       Duration callTimeout, long seed, Path outDir, Path root, ClassLoader loader,
                       Consumer<ScenarioResult> progress, java.util.Map<String, String> pages) {
            this(target, features, glue, tags, processors, callTimeout, seed, outDir, root, loader, progress, pages,
                    SuiteContext.Schedules.defaults(), false);
        }
    }

    /** What a run gave. */
    public record Outcome(ImplementationInfo implementation, RunInfo run, List<ScenarioResult> scenarios) {
    }

    /** Cucumber logs problems with stack traces; the kit reports them itself, one line each. */
    private static final java.util.logging.Logger CUCUMBER_LOG = java.util.logging.Logger.getLogger("io.cucumber");

    static {
        CUCUMBER_LOG.setLevel(java.util.logging.Level.OFF);
    }

    /** The suite itself could not run (glue that does not load, two step definitions for one step): a kit error. */
    public static final class SuiteFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SuiteFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Outcome run(Request req) throws IOException {
        return run(req, s -> { });
    }

    /** Runs, telling {@code starting} of each scenario as it starts. */
    public Outcome run(Request req, Consumer<ScenarioStart> starting) throws IOException {
        Target t = req.target();
        ImplementationInfo impl = new ImplementationInfo(t.family(), t.name(), t.version(), t.capabilities());
        RunInfo info = RunInfo.startingHere(req.processors(), req.seed(), req.pages());
        Path cucumberDir = req.outDir().resolve("cucumber");
        Files.createDirectories(cucumberDir);
        List<ScenarioResult> results = Collections.synchronizedList(new ArrayList<>());
        // a worker's run keeps no store: the kit's process writes the results it is sent
        ResultStore store = req.messagesOnly() ? null : ResultStore.create(req.outDir(), impl, info);
        try {
            ResultCollector collector = new ResultCollector(t.name(), req.root(), r -> {
                if (store != null) {
                    store.append(r);
                }
                results.add(r);
                req.progress().accept(r);
            }, starting);
            List<String> args = new ArrayList<>();
            for (String g : req.glue()) {
                args.add("--glue");
                args.add(g);
            }
            args.add("--glue");
            args.add(ENGINE_GLUE);
            args.add("--plugin");
            args.add("message:" + cucumberDir.resolve("messages.ndjson"));
            if (!req.messagesOnly()) {
                args.add("--plugin");
                args.add("html:" + cucumberDir.resolve("index.html"));
                args.add("--plugin");
                args.add("junit:" + cucumberDir.resolve("junit.xml"));
            }
            args.add("--monochrome");
            if (req.tags() != null && !req.tags().isBlank()) {
                args.add("--tags");
                args.add(req.tags());
            }
            req.features().forEach(f -> args.add(f.toString()));

            ByteArrayOutputStream cucumberOut = new ByteArrayOutputStream();
            RuntimeOptions options;
            try (PrintStream ps = new PrintStream(cucumberOut, true, StandardCharsets.UTF_8)) {
                options = new CommandlineOptionsParser(ps).parse(args.toArray(String[]::new)).build();
            }
            SuiteObjectFactory glue = new SuiteObjectFactory(new SuiteContext(t, req.processors(), req.callTimeout(), req.seed(),
                    req.schedules()));
            try {
                Runtime.builder()
                        .withRuntimeOptions(options)
                        .withClassLoader(req::loader)
                        .withObjectFactorySupplier(() -> glue)
                        .withAdditionalPlugins(collector)
                        .build()
                        .run();
            } catch (RuntimeException e) {
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                throw new SuiteFailure("the suite could not run against '" + t.name() + "': " + root, e);
            }
            info = info.ended(Instant.now());
            if (store != null) {
                store.finish(impl, info);
            }
        } finally {
            if (store != null) {
                store.close();
            }
        }
        return new Outcome(impl, info, List.copyOf(results));
    }
}
