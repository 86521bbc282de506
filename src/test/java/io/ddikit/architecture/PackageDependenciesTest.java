package io.ddikit.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Which package may depend on which. The engine (doc, trace, result, grade, run, report, suite) knows
 * nothing of the API under test; that knowledge lives in the SPI, the simulated kernel, the bundled
 * implementations and the steps.
 */
class PackageDependenciesTest {
    private static final String[] ENGINE = {
        "io.ddikit.doc..", "io.ddikit.trace..", "io.ddikit.result..", "io.ddikit.grade..",
        "io.ddikit.run..", "io.ddikit.report..", "io.ddikit.suite..", "io.ddikit.isolate..",
        "io.ddikit.nativelib..", "io.ddikit.campaign.."};
    private static final String[] API_KNOWLEDGE = {
        "io.ddikit.spi..", "io.ddikit.kernel..", "io.ddikit.impls..", "io.ddikit.steps.."};

    private static final JavaClasses kit = KitClasses.MAIN;

    @Test
    void the_engine_knows_nothing_of_the_api_under_test() {
        noClasses().that().resideInAnyPackage(ENGINE).should().dependOnClassesThat().resideInAnyPackage(API_KNOWLEDGE).check(kit);
    }

    @Test
    void the_spi_uses_the_jdk_only() {
        classes().that().resideInAPackage("io.ddikit.spi..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.ddikit.spi..").check(kit);
    }

    @Test
    void schedule_noise_uses_the_jdk_and_asm_only() {
        classes().that().resideInAPackage("io.ddikit.sched..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.objectweb.asm..", "io.ddikit.sched..").check(kit);
    }

    @Test
    void the_worker_bootstrap_uses_the_jdk_only_so_that_it_alone_can_be_the_workers_class_path() {
        classes().that().resideInAPackage("io.ddikit.isolate.boot").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.ddikit.isolate.boot").check(kit);
    }

    @Test
    void the_schedule_points_implementations_may_call_reach_only_the_schedule_machinery() {
        classes().that().resideInAPackage("io.ddikit.sched.points").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.ddikit.sched", "io.ddikit.sched.points").check(kit);
    }

    @Test
    void steps_reach_implementations_only_through_the_spi() {
        noClasses().that().resideInAPackage("io.ddikit.steps..").should().dependOnClassesThat()
                .resideInAnyPackage("io.ddikit.impls..", "io.ddikit.run..", "io.ddikit.report..", "io.ddikit.grade..").check(kit);
    }

    @Test
    void what_the_runner_and_the_steps_share_depends_on_no_runner() {
        // Only the suite's hooks (io.ddikit.suite.glue) may set a run up, when the JUnit Platform starts Cucumber.
        noClasses().that().resideInAPackage("io.ddikit.suite").should().dependOnClassesThat()
                .resideInAnyPackage("io.ddikit.run..", "io.ddikit.sched..", "io.ddikit.cli..").check(kit);
    }

    @Test
    void grading_never_touches_rendering_or_running() {
        noClasses().that().resideInAPackage("io.ddikit.grade..").should().dependOnClassesThat()
                .resideInAnyPackage("io.ddikit.report..", "io.ddikit.run..", "io.ddikit.cli..").check(kit);
    }

    @Test
    void the_packages_are_free_of_cycles() {
        slices().matching("io.ddikit.(**)").should().beFreeOfCycles().check(kit);
    }

    @Test
    void the_engine_imports_nothing_of_any_family() {
        // a family's SPI, steps, bundled and faulty implementations; the families are found with ServiceLoader
        noClasses().that().resideInAnyPackage(ENGINE).or().resideInAPackage("io.ddikit.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ddikit.spi..", "io.ddikit.steps..", "io.ddikit.impls..",
                        "io.ddikit.faults..")
                .check(kit);
    }

    @Test
    void the_c_bridge_knows_the_kernel_services_and_no_family() {
        // the HAL's common types, the simulated kernel, the schedule points, JNA: never a family's SPI, steps or implementations
        classes().that().resideInAPackage("io.ddikit.bridge..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "com.sun.jna..", "io.ddikit.spi", "io.ddikit.kernel", "io.ddikit.sched",
                        "io.ddikit.sched.points", "io.ddikit.nativelib", "io.ddikit.bridge..").check(kit);
    }

    @Test
    void only_the_command_line_depends_on_the_command_line() {
        noClasses().that().resideOutsideOfPackage("io.ddikit.cli..").should().dependOnClassesThat()
                .resideInAPackage("io.ddikit.cli..").check(kit);
    }
}
