package io.ddikit.isolate;

import io.cucumber.htmlformatter.MessagesToHtmlWriter;
import io.cucumber.junitxmlformatter.MessagesToJunitXmlWriter;
import io.cucumber.messages.ndjson.Deserializer;
import io.cucumber.messages.ndjson.Serializer;
import io.cucumber.messages.types.Envelope;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Cucumber's own reports of a run, written by the kit's process from the messages the worker left (never copied
 * from the worker: a file the implementation wrote there could hold a page of its own). Each line of the worker's
 * {@code messages.ndjson} must be a Cucumber message; any other is dropped and counted. From those messages the kit
 * writes {@code messages.ndjson}, Cucumber's HTML report ({@code index.html}, Cucumber's page with its own scripts,
 * the messages embedded as data) and its JUnit XML. An implementation can make these say what it likes about its run;
 * it cannot put a script of its own in them. They are Cucumber's view, not evidence: the kit's pages are.
 */
final class CucumberReports {
    static final String MESSAGES = "messages.ndjson";
    static final String HTML = "index.html";
    static final String JUNIT = "junit.xml";
    static final String NOTE = "NOT-KEPT.txt";

    private CucumberReports() {
    }

    /**
     * Writes Cucumber's reports into {@code to} from the messages in {@code from} (the worker's folder), if it holds
     * any, and at most {@code maxBytes} of them; a note says what was not kept.
     */
    static void write(Path from, Path to, long maxBytes, String title) throws IOException {
        Path messages = from.resolve(MESSAGES);
        if (!Files.isRegularFile(messages, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.createDirectories(to);
        long size = Files.size(messages);
        Path note = to.resolve(NOTE);
        if (size > maxBytes) {
            for (String f : List.of(MESSAGES, HTML, JUNIT)) {
                Files.deleteIfExists(to.resolve(f));
            }
            Files.writeString(note, String.format(Locale.ROOT, "ddikit kept no Cucumber report of this run: its messages"
                    + " were %,d bytes, more than the %,d bytes the kit keeps.%n", size, maxBytes), StandardCharsets.UTF_8);
            return;
        }
        Deserializer in = new Deserializer();
        Serializer out = new Serializer();
        Path ndjson = to.resolve(MESSAGES + ".tmp");
        Path html = to.resolve(HTML + ".tmp");
        Path junit = to.resolve(JUNIT + ".tmp");
        long dropped = 0;
        try (BufferedReader r = Files.newBufferedReader(messages, StandardCharsets.UTF_8);
             BufferedWriter n = Files.newBufferedWriter(ndjson, StandardCharsets.UTF_8);
             OutputStream h = Files.newOutputStream(html);
             OutputStream j = Files.newOutputStream(junit);
             MessagesToHtmlWriter htmlWriter = MessagesToHtmlWriter.builder(out::writeValue).title(title).build(h);
             MessagesToJunitXmlWriter junitWriter = MessagesToJunitXmlWriter.builder().testSuiteName(title).build(j)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Envelope e;
                try {
                    e = in.readValue(line);
                } catch (IOException | RuntimeException notAMessage) {
                    dropped++;
                    continue;
                }
                out.writeValue(n, e);
                htmlWriter.write(e);
                junitWriter.write(e);
            }
        } catch (IOException | RuntimeException e) {
            // Cucumber's writers refuse messages that do not make a run; the kit's own report does not depend on them
            for (Path p : List.of(ndjson, html, junit)) {
                Files.deleteIfExists(p);
            }
            Files.writeString(note, "ddikit could not write Cucumber's reports of this run from its messages: "
                    + io.ddikit.result.Bounds.printable(String.valueOf(e.getMessage()), 300) + System.lineSeparator(),
                    StandardCharsets.UTF_8);
            return;
        }
        Files.move(ndjson, to.resolve(MESSAGES), StandardCopyOption.REPLACE_EXISTING);
        Files.move(html, to.resolve(HTML), StandardCopyOption.REPLACE_EXISTING);
        Files.move(junit, to.resolve(JUNIT), StandardCopyOption.REPLACE_EXISTING);
        if (dropped > 0) {
            Files.writeString(note, String.format(Locale.ROOT, "%,d lines of the run's Cucumber messages were not messages"
                    + " and were dropped.%n", dropped), StandardCharsets.UTF_8);
        } else {
            Files.deleteIfExists(note);
        }
    }
}
