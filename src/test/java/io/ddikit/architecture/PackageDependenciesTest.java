package io.ddikit.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Which package may depend on which. The engine (doc, trace, result, grade, run, report, suite) knows
 * nothing of the API under test; that knowledge lives in the SPI, the simulated kernel, the bundled
 * implementations and the steps.
 */
class PackageDependenciesTest {
    private static final String[] ENGINE = {
        "io.ddikit.doc..", "io.ddikit.trace..", "io.ddikit.result..", "io.ddikit.grade..",
        "io.ddikit.run..", "io.ddikit.report..", "io.ddikit.suite.."};
    private static final String[] API_KNOWLEDGE = {
        "io.ddikit.spi..", "io.ddikit.kernel..", "io.ddikit.impls..", "io.ddikit.steps.."};

    private static JavaClasses kit;

    @BeforeAll
    static void importKit() {
        kit = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.ddikit");
    }

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
    void steps_reach_implementations_only_through_the_spi() {
        noClasses().that().resideInAPackage("io.ddikit.steps..").should().dependOnClassesThat()
                .resideInAnyPackage("io.ddikit.impls..", "io.ddikit.run..", "io.ddikit.report..", "io.ddikit.grade..").check(kit);
    }

    @Test
    void flexmark_is_used_in_one_package_only() {
        noClasses().that().resideOutsideOfPackage("io.ddikit.doc.markdown..").should().dependOnClassesThat()
                .resideInAPackage("com.vladsch.flexmark..").check(kit);
    }

    @Test
    void grading_never_touches_rendering_and_rendering_never_runs() {
        noClasses().that().resideInAPackage("io.ddikit.grade..").should().dependOnClassesThat()
                .resideInAnyPackage("io.ddikit.report..", "io.ddikit.run..", "io.ddikit.cli..").check(kit);
        noClasses().that().resideInAPackage("io.ddikit.report..").should().dependOnClassesThat()
                .resideInAnyPackage("io.ddikit.run..", "io.ddikit.cli..", "io.cucumber..").check(kit);
    }

    @Test
    void only_the_command_line_depends_on_the_command_line() {
        noClasses().that().resideOutsideOfPackage("io.ddikit.cli..").should().dependOnClassesThat()
                .resideInAPackage("io.ddikit.cli..").check(kit);
    }
}
