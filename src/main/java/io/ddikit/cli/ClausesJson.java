package io.ddikit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ddikit.doc.Clause;
import io.ddikit.doc.Diagnostic;
import io.ddikit.doc.DocPage;
import io.ddikit.doc.LineRange;
import io.ddikit.doc.Link;
import io.ddikit.doc.PageSource;
import io.ddikit.doc.Parameter;
import io.ddikit.doc.Section;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON form of {@code ddikit clauses}: {@code {"pages": [...], "errors": [...], "skipped": [...]}}. */
final class ClausesJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private ClausesJson() {
    }

    static String render(PageSource source) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> pages = new ArrayList<>();
        for (DocPage p : source.pages()) {
            pages.add(page(p));
        }
        root.put("pages", pages);
        root.put("errors", source.diagnostics().stream().filter(Diagnostic::isError).map(ClausesJson::diagnostic).toList());
        root.put("skipped", source.skipped().stream().map(k -> Map.of("file", k.file(), "what", k.what())).toList());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * Writes {@code {"pages": [...], "errors": [...], "skipped": [...]}} as the pages come: {@link #page} each one as it is
     * read, {@link #end} once all are.
     */
    static final class Streamed {
        private final com.fasterxml.jackson.core.JsonGenerator gen;
        private final List<Object> errors = new ArrayList<>();
        private final List<Object> skipped = new ArrayList<>();

        Streamed(java.io.Writer out) throws java.io.IOException {
            gen = MAPPER.getFactory().createGenerator(out);
            gen.useDefaultPrettyPrinter();
            gen.writeStartObject();
            gen.writeArrayFieldStart("pages");
        }

        /** One page as it stands in the array of pages (see {@link #render}). */
        void page(String rendered) throws java.io.IOException {
            gen.writeRawValue(rendered);
        }

        /**
         * One page indented as it stands in the array of pages, so that pages can be rendered on the threads that read
         * them: the pretty printer indents an object in the array by one level more than a page on its own (the array
         * itself is written inline), and a JSON string never holds a raw line break.
         */
        static String render(DocPage p) {
            try {
                return MAPPER.writeValueAsString(ClausesJson.page(p)).replace("\n", "\n  ");
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON", e);
            }
        }

        void error(Diagnostic d) {
            errors.add(diagnostic(d));
        }

        void skipped(PageSource.Skipped k) {
            skipped.add(Map.of("file", k.file(), "what", k.what()));
        }

        void end() throws java.io.IOException {
            gen.writeEndArray();
            gen.writeObjectField("errors", errors);
            gen.writeObjectField("skipped", skipped);
            gen.writeEndObject();
            gen.writeRaw('\n');
            gen.flush();
        }
    }

    /** One page as one line of JSON (the {@code ndjson} format). */
    static String line(DocPage p) {
        try {
            return LINE.writeValueAsString(page(p));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static final ObjectMapper LINE = new ObjectMapper()
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private static Map<String, Object> page(DocPage p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", p.file());
        m.put("uid", p.uid());
        m.put("api", p.api());
        m.put("title", p.title());
        m.put("fingerprint", p.fingerprint());
        m.put("metadata", p.metadata());
        m.put("sections", p.sections().stream().map(ClausesJson::section).toList());
        m.put("syntax", p.syntax().map(s -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("returnType", s.returnType());
            x.put("name", s.name());
            x.put("parameters", s.parameters().stream().map(ClausesJson::parameter).toList());
            x.put("source", s.source());
            return x;
        }).orElse(null));
        m.put("parameters", p.parameters().stream().map(ClausesJson::parameter).toList());
        m.put("requirements", p.requirements());
        m.put("seeAlso", p.seeAlso().stream().map(ClausesJson::link).toList());
        m.put("warnings", p.warnings().stream().map(ClausesJson::diagnostic).toList());
        m.put("clauses", p.clauses().stream().map(ClausesJson::clause).toList());
        return m;
    }

    private static Map<String, Object> section(Section s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", s.key());
        m.put("title", s.title());
        m.put("lines", lines(s.lines()));
        return m;
    }

    private static Map<String, Object> parameter(Parameter p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("type", p.type());
        m.put("annotations", p.annotations());
        m.put("description", p.description());
        return m;
    }

    private static Map<String, Object> link(Link l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", l.text());
        m.put("target", l.target());
        return m;
    }

    private static Map<String, Object> clause(Clause c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id().value());
        m.put("section", c.section());
        m.put("kind", c.kind().label());
        m.put("text", c.text());
        m.put("fingerprint", c.fingerprint());
        m.put("lines", lines(c.lines()));
        m.put("references", c.references());
        return m;
    }

    private static List<Integer> lines(LineRange r) {
        return List.of(r.first(), r.last());
    }

    private static Map<String, Object> diagnostic(Diagnostic d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", d.file());
        m.put("line", d.line() > 0 ? d.line() : null);
        m.put("message", d.message());
        return m;
    }
}
