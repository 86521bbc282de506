package io.ddikit.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The kit's classes, imported once for every dependency rule. */
final class KitClasses {
    /** The kit's own classes, without its tests. */
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ddikit");
    /** With the tests (the faulty implementations live there). */
    static final JavaClasses ALL = new ClassFileImporter().importPackages("io.ddikit");

    private KitClasses() {
    }
}
