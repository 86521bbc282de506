package io.ddikit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

/**
 * Who may depend on whom around the simulated kernel: implementations see only the SPI and the JDK,
 * exactly as a vendor's would; the kernel knows the SPI's HAL types and nothing of the implementations.
 */
class KernelAndImplementationsDependencyTest {

    @Test
    void bundled_implementations_use_only_the_spi_and_the_jdk() {
        classes().that().resideInAPackage("io.ddikit.impls..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.ddikit.spi..", "io.ddikit.impls..", "java..")
                .check(KitClasses.MAIN);
    }

    @Test
    void faulty_implementations_use_only_the_spi_and_the_jdk() {
        classes().that().resideInAPackage("io.ddikit.faults..")
                .and().haveSimpleNameNotEndingWith("Test")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.ddikit.spi..", "io.ddikit.faults..", "java..")
                .check(KitClasses.ALL);
    }

    @Test
    void the_kernel_uses_only_the_spi_the_scheduler_and_the_jdk() {
        // io.ddikit.sched.Scheduler (the controlled schedule) knows no API and no kernel; the kernel drives it
        classes().that().resideInAPackage("io.ddikit.kernel..").and().resideOutsideOfPackage("io.ddikit.kernel.assertions")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.ddikit.spi..", "io.ddikit.kernel..", "java..",
                        "io.ddikit.sched")
                .check(KitClasses.MAIN);
        // the step authors' assertions add AssertJ, and nothing else
        classes().that().resideInAPackage("io.ddikit.kernel.assertions")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.ddikit.spi..", "io.ddikit.kernel..", "java..",
                        "org.assertj..")
                .check(KitClasses.MAIN);
    }

    @Test
    void nothing_in_the_kernel_or_spi_depends_on_an_implementation() {
        noClasses().that().resideInAnyPackage("io.ddikit.kernel..", "io.ddikit.spi..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ddikit.impls..", "io.ddikit.faults..")
                .check(KitClasses.MAIN);
    }

    @Test
    void the_kernel_knows_no_lock_api_only_the_hal() {
        noClasses().that().resideInAPackage("io.ddikit.kernel..")
                .should().dependOnClassesThat().haveSimpleNameStartingWith("NdisSpinLock")
                .orShould().dependOnClassesThat().haveSimpleName("Capability")
                .check(KitClasses.MAIN);
    }
}
