package io.ddikit.suite;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of the running suite, handed to every glue object that asks for it in its constructor (by the kit's
 * Cucumber object factory, {@code io.ddikit.run.SuiteObjectFactory}); nothing of it is static.
 *
 * @param target      the implementation under test
 * @param processors  simulated processors per machine (1 to 64)
 * @param callTimeout the bound on any one call into the implementation
 * @param seed        seed of every randomised choice in the steps; printed so a run can be replayed
 * @param schedules   what the controlled tier explores
 */
public record SuiteContext(Target target, int processors, Duration callTimeout, long seed, Schedules schedules) {
    /**
     * What the controlled-schedule tier does in each scenario that runs processors at once.
     *
     * @param explore how many schedules it explores per scenario (0: the tier is off)
     * @param replay  the one schedule to run instead (its id, as a failure prints it), with no stress tier; or null
     * @param rerun   the command a failure prints to replay its schedule: {@code {impl}}, {@code {clauses}} (a
     *                {@code --clause ID} for each clause of the scenario), {@code {processors}} (a {@code --processors N}
     *                unless the default) and {@code {id}} are filled in
     * @param stress  whether the stress tier runs after a controlled tier that found nothing (false: the controlled
     *                tier alone, to measure it)
     */
    public record Schedules(int explore, String replay, String rerun, boolean stress) {
        /** How {@code ./ddikit run} replays a schedule. */
        public static final String RUN = "./ddikit run --impl {impl}{clauses}{processors} --replay {id}";
        /** How {@code ./ddikit selftest} replays one. */
        public static final String SELFTEST = "./ddikit selftest --fault {impl}{processors} --replay {id}";
        /** How a suite in a vendor's Maven build replays one. */
        public static final String MAVEN = "mvn verify -Dddikit.replay={id}";
        /** The default number of schedules per scenario. */
        public static final int DEFAULT_EXPLORE = 200;
        /** The most schedules per scenario {@code --explore} accepts. */
        public static final int MAX_EXPLORE = 1_000_000;

        public Schedules {
            if (explore < 0 || explore > MAX_EXPLORE) {
                throw new IllegalArgumentException("explore must be 0 to " + MAX_EXPLORE + ", not " + explore);
            }
            rerun = rerun == null ? RUN : rerun;
        }

        public Schedules(int explore, String replay) {
            this(explore, replay, RUN, true);
        }

        public Schedules(int explore, String replay, String rerun) {
            this(explore, replay, rerun, true);
        }

        /** The controlled tier alone, with no stress tier after it. */
        public Schedules controlledOnly() {
            return new Schedules(explore, replay, rerun, false);
        }

        public static Schedules defaults() {
            return new Schedules(DEFAULT_EXPLORE, null);
        }

        /** These schedules, replayed with {@code command} (see {@link #rerun}). */
        public Schedules replayedWith(String command) {
            return new Schedules(explore, replay, command, stress);
        }

        /** The command that replays schedule {@code id} of a scenario checking {@code clauses}. */
        public String rerunCommand(String impl, java.util.List<String> clauses, int processors, String id) {
            StringBuilder c = new StringBuilder();
            clauses.forEach(k -> c.append(" --clause ").append(k));
            return rerun.replace("{impl}", impl).replace("{clauses}", c)
                    .replace("{processors}", processors == DEFAULT_PROCESSORS ? "" : " --processors " + processors)
                    .replace("{id}", id);
        }
    }

    /** Default number of simulated processors. */
    public static final int DEFAULT_PROCESSORS = 4;
    /** Default bound on one call into the implementation. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(5);

    public SuiteContext {
        Objects.requireNonNull(target, "target");
        if (processors < 1 || processors > 64) {
            throw new IllegalArgumentException("processors must be 1 to 64, not " + processors);
        }
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(schedules, "schedules");
    }

    /** With the default {@link Schedules}. */
    public SuiteContext(Target target, int processors, Duration callTimeout, long seed) {
        this(target, processors, callTimeout, seed, Schedules.defaults());
    }
}
