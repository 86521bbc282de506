package io.ddikit.architecture;

import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The report reads the page, result, grade and campaign models and nothing else of the kit; only it knows HTML templates. */
class ReportDependenciesTest {
    @Test
    void the_report_depends_only_on_the_models_and_its_libraries() {
        classes().that().resideInAPackage("io.ddikit.report..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "io.ddikit.report..", "io.ddikit.doc..", "io.ddikit.result..", "io.ddikit.grade..", "io.ddikit.campaign..",
                        "java..", "javax.xml..", "org.w3c.dom..", "org.thymeleaf..", "ognl..", "org.jsoup..",
                        "com.fasterxml.jackson..")
                .check(KitClasses.MAIN);
    }

    @Test
    void only_the_report_uses_the_template_engine_and_grading_never_touches_it() {
        noClasses().that().resideOutsideOfPackage("io.ddikit.report..")
                .should().dependOnClassesThat().resideInAnyPackage("org.thymeleaf..", "ognl..")
                .check(KitClasses.MAIN);
        noClasses().that().resideInAnyPackage("io.ddikit.grade..", "io.ddikit.doc..", "io.ddikit.result..")
                .should().dependOnClassesThat().resideInAPackage("io.ddikit.report..")
                .check(KitClasses.MAIN);
    }
}
