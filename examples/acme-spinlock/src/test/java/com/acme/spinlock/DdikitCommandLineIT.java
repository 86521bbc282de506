package com.acme.spinlock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The other way in, checked by the kit's own build (profile {@code in-the-kit-clone}): the report that the
 * {@code ddikit:verify} goal wrote by running the kit's command line on the packaged jar, as a vendor runs
 * {@code ./ddikit run --classpath target/acme-spinlock-1.0.0.jar --impl acme}.
 */
class DdikitCommandLineIT {

    @Test
    void the_plugin_ran_the_kit_on_the_packaged_jar_and_every_normative_clause_passes() throws Exception {
        // Set by the profile; the defaults are the same places, seen from this project's folder.
        Path jar = System.getProperty("acme.jar") != null ? Path.of(System.getProperty("acme.jar")) : packagedJar();
        Path report = Path.of(System.getProperty("acme.report", "target/ddikit")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "this project's jar is packaged: " + jar);

        // the plugin (ddikit:verify, bound before this test) ran ./ddikit run --classpath JAR --impl acme into the report folder
        assertTrue(Files.isRegularFile(report.resolve("conformance.json")), "the plugin wrote its report under " + report);
        String printed = Files.readString(report.resolve("conformance.json"));
        JsonNode impl = new ObjectMapper().readTree(report.resolve("conformance.json").toFile()).path("implementations").get(0);
        assertEquals("acme", impl.path("name").asText());
        assertEquals("conforms", impl.path("conformance").asText());
        int normative = 0;
        for (JsonNode clause : impl.path("clauses")) {
            boolean informative = "informative".equals(clause.path("kind").asText());
            // a normative clause the features declare untestable from outside is graded so, with the reason
            boolean untestable = clause.path("reason").asText().startsWith("untestable from outside: ");
            // an informative sentence is graded only when a feature checks it
            boolean checked = clause.path("scenarios").size() > 0;
            String expected = informative ? (checked ? "passed" : "untested") : untestable ? "untestable" : "passed";
            assertEquals(expected, clause.path("verdict").asText(), clause.path("id").asText() + "\n" + printed);
            normative += informative ? 0 : 1;
        }
        assertTrue(normative > 0, "the page has normative clauses");
        assertTrue(Files.isRegularFile(report.resolve("ndis-spin-lock.acme.html")), "the implementation's page is written under " + report);
    }

    /** target/acme-spinlock-*.jar */
    private static Path packagedJar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "acme-spinlock-*.jar")) {
            for (Path jar : jars) {
                return jar.toAbsolutePath();
            }
        }
        return fail("no target/acme-spinlock-*.jar: package this project first (mvn verify runs this test after package)");
    }
}
