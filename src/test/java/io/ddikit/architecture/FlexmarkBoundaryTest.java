package io.ddikit.architecture;

import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Flexmark is used in one place only; the model depends on nothing of the kit's. */
class FlexmarkBoundaryTest {
    @Test
    void only_the_markdown_adapter_uses_flexmark() {
        noClasses().that().resideOutsideOfPackage("io.ddikit.doc.markdown..")
                .should().dependOnClassesThat().resideInAPackage("com.vladsch.flexmark..")
                .check(KitClasses.MAIN);
    }

    @Test
    void the_model_depends_on_no_other_kit_package() {
        noClasses().that().resideInAPackage("io.ddikit.doc")
                .should().dependOnClassesThat().resideInAnyPackage("io.ddikit.doc.read..", "io.ddikit.doc.markdown..", "io.ddikit.cli..")
                .check(KitClasses.MAIN);
    }

    @Test
    void the_markdown_adapter_does_not_use_the_reader() {
        noClasses().that().resideInAPackage("io.ddikit.doc.markdown..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ddikit.doc.read..", "io.ddikit.cli..")
                .check(KitClasses.MAIN);
    }
}
