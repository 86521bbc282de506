package io.ddikit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Who may depend on whom around the simulated kernel: implementations see only the SPI and the JDK,
 * exactly as a vendor's would; the kernel knows the SPI's HAL types and nothing of the implementations.
 */
class KernelAndImplementationsDependencyTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ddikit");
    private static final JavaClasses ALL = new ClassFileImporter().importPackages("io.ddikit");

    @Test
    void bundled_implementations_use_only_the_spi_and_the_jdk() {
        classes().that().resideInAPackage("io.ddikit.impls..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.ddikit.spi..", "io.ddikit.impls..", "java..")
                .check(MAIN);
    }

    @Test
    void faulty_implementations_use_only_the_spi_and_the_jdk() {
        classes().that().resideInAPackage("io.ddikit.faults..")
                .and().haveSimpleNameNotEndingWith("Test")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.ddikit.spi..", "io.ddikit.faults..", "java..")
                .check(ALL);
    }

    @Test
    void the_kernel_uses_only_the_spi_and_the_jdk() {
        classes().that().resideInAPackage("io.ddikit.kernel..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.ddikit.spi..", "io.ddikit.kernel..", "java..")
                .check(MAIN);
    }

    @Test
    void nothing_in_the_kernel_or_spi_depends_on_an_implementation() {
        noClasses().that().resideInAnyPackage("io.ddikit.kernel..", "io.ddikit.spi..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ddikit.impls..", "io.ddikit.faults..")
                .check(MAIN);
    }

    @Test
    void the_kernel_knows_no_lock_api_only_the_hal() {
        noClasses().that().resideInAPackage("io.ddikit.kernel..")
                .should().dependOnClassesThat().haveSimpleNameStartingWith("NdisSpinLock")
                .orShould().dependOnClassesThat().haveSimpleName("Capability")
                .check(MAIN);
    }
}
