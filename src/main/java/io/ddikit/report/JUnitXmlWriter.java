package io.ddikit.report;

import io.ddikit.grade.ClauseVerdict;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * {@code junit.xml}, for CI servers: one {@code testsuite} per implementation, one {@code testcase} per clause.
 * Failed is {@code <failure>}, error is {@code <error>}; not applicable, untested and outdated are
 * {@code <skipped>} with the verdict in the message, so that none of them reads as passed.
 * Text is escaped by the JDK's {@link XMLStreamWriter}; characters XML cannot hold are replaced.
 */
final class JUnitXmlWriter {
    private JUnitXmlWriter() {
    }

    static byte[] write(ReportInput input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "ddikit " + clean(input.kitVersion()));
            for (ImplementationVerdict iv : input.implementations()) {
                suite(x, iv);
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the JUnit XML: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void suite(XMLStreamWriter x, ImplementationVerdict iv) throws XMLStreamException {
        Map<Verdict, Integer> counts = iv.counts();
        int skipped = counts.get(Verdict.NOT_APPLICABLE) + counts.get(Verdict.UNTESTED) + counts.get(Verdict.OUTDATED);
        long millis = iv.clauses().stream().flatMap(c -> c.scenarios().stream()).mapToLong(ScenarioResult::durationMillis).sum();
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", clean((iv.implementation().family().isEmpty() ? "" : iv.implementation().family() + "/")
                + iv.implementation().name()));
        x.writeAttribute("tests", Integer.toString(iv.clauses().size()));
        x.writeAttribute("failures", Integer.toString(counts.get(Verdict.FAILED)));
        x.writeAttribute("errors", Integer.toString(counts.get(Verdict.ERROR)));
        x.writeAttribute("skipped", Integer.toString(skipped));
        x.writeAttribute("time", seconds(millis));
        if (iv.run() != null && iv.run().started() != null) {
            x.writeAttribute("timestamp", iv.run().started().toString());
        }
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        property(x, "implementation.version", iv.implementation().version());
        property(x, "implementation.capabilities", String.join(", ", iv.implementation().capabilities()));
        property(x, "conformance", iv.conformance().label());
        property(x, "run.complete", Boolean.toString(iv.run() != null && iv.run().complete()));
        if (iv.run() != null) {
            property(x, "run.seed", Long.toString(iv.run().seed()));
        }
        x.writeCharacters("\n    ");
        x.writeEndElement();
        for (ClauseVerdict cv : iv.clauses()) {
            testcase(x, cv);
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeCharacters("\n      ");
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", clean(value));
    }

    private static void testcase(XMLStreamWriter x, ClauseVerdict cv) throws XMLStreamException {
        long millis = cv.scenarios().stream().mapToLong(ScenarioResult::durationMillis).sum();
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("classname", cv.clause().section());
        x.writeAttribute("name", cv.clause().id().value());
        x.writeAttribute("time", seconds(millis));
        String reason = clean(cv.reason());
        switch (cv.verdict()) {
            case FAILED, ERROR -> {
                x.writeStartElement(cv.verdict() == Verdict.FAILED ? "failure" : "error");
                x.writeAttribute("message", reason);
                x.writeAttribute("type", cv.verdict().label());
                x.writeCharacters(clean(evidence(cv)));
                x.writeEndElement();
            }
            case NOT_APPLICABLE, UNTESTED, OUTDATED -> {
                x.writeEmptyElement("skipped");
                x.writeAttribute("message", cv.verdict().label() + ": " + reason);
            }
            case PASSED -> {
            }
        }
        x.writeStartElement("system-out");
        x.writeCharacters(clean(cv.clause().text()));
        x.writeEndElement();
        x.writeEndElement();
    }

    private static String evidence(ClauseVerdict cv) {
        StringBuilder b = new StringBuilder();
        for (ScenarioResult r : cv.scenarios()) {
            if (r.verdict() != Verdict.FAILED && r.verdict() != Verdict.ERROR) {
                continue;
            }
            b.append(r.verdict().label()).append(": ").append(r.name()).append(" (").append(r.location()).append(")\n");
            if (r.verdict() == Verdict.ERROR && !r.errorSource().isEmpty()) {
                b.append("  caused by: ").append(r.errorSource()).append('\n');
            }
            if (!r.failingStep().isEmpty()) {
                b.append("  step: ").append(r.failingStep()).append(" (line ").append(r.failingLine()).append(")\n");
            }
            b.append("  ").append(r.message()).append('\n');
            if (!r.trace().isEmpty()) {
                b.append(r.trace()).append('\n');
            }
        }
        return b.toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** Replaces characters that XML 1.0 cannot hold (control characters, lone surrogates) with U+FFFD. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            b.appendCodePoint(ok ? cp : 0xFFFD);
            i += Character.charCount(cp);
        }
        return b.toString();
    }
}
