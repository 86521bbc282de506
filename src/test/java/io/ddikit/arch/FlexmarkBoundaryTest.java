package io.ddikit.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Flexmark is used in one place only; the model depends on nothing of the kit's. */
class FlexmarkBoundaryTest {
    static final JavaClasses KIT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ddikit");

    @Test
    void only_the_markdown_adapter_uses_flexmark() {
        noClasses().that().resideOutsideOfPackage("io.ddikit.doc.markdown..")
                .should().dependOnClassesThat().resideInAPackage("com.vladsch.flexmark..")
                .check(KIT);
    }

    @Test
    void the_model_depends_on_no_other_kit_package() {
        noClasses().that().resideInAPackage("io.ddikit.doc")
                .should().dependOnClassesThat().resideInAnyPackage("io.ddikit.doc.read..", "io.ddikit.doc.markdown..", "io.ddikit.cli..")
                .check(KIT);
    }

    @Test
    void the_markdown_adapter_does_not_use_the_reader() {
        noClasses().that().resideInAPackage("io.ddikit.doc.markdown..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ddikit.doc.read..", "io.ddikit.cli..")
                .check(KIT);
    }
}
