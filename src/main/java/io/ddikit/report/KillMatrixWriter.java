package io.ddikit.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ddikit.doc.Clause;
import io.ddikit.grade.KillMatrix;
import io.ddikit.result.Verdict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the kill matrix of {@code ddikit selftest}: {@code selftest.json} for scripts and {@code selftest.html}
 * (fault × clause, each cell a verdict, the clauses a fault breaks outlined). Files are written to a temporary
 * name and moved into place, the HTML last.
 */
public final class KillMatrixWriter {
    public static final String JSON = "selftest.json";
    public static final String HTML = "selftest.html";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final HtmlRenderer renderer = new HtmlRenderer();

    /** One API family's kill matrix: the family's id and title, and the matrix of its pages' clauses. */
    public record Section(String family, String title, KillMatrix matrix) {
    }

    /** Writes both files into {@code dir} for one matrix of no particular family; returns the HTML's path. */
    public Path write(Path dir, KillMatrix matrix, String kitVersion) throws IOException {
        return write(dir, List.of(new Section("", "Kill matrix", matrix)), kitVersion);
    }

    /** Writes both files into {@code dir}, a matrix per family; returns the HTML's path. */
    public Path write(Path dir, List<Section> sections, String kitVersion) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(HTML));
        AtomicFiles.write(dir.resolve(JSON), MAPPER.writeValueAsBytes(json(sections, kitVersion)));
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("kitVersion", kitVersion);
        vars.put("passed", sections.stream().allMatch(x -> x.matrix().passed()));
        List<Map<String, Object>> families = new ArrayList<>();
        for (Section section : sections) {
            KillMatrix matrix = section.matrix();
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("id", section.family());
            f.put("title", section.title());
            f.put("passed", matrix.passed());
            f.put("clauses", matrix.clauses().stream().map(c -> new Column(c.id().value(), short_(c))).toList());
            f.put("faults", matrix.faults().stream().map(r -> {
                Set<String> breaks = new HashSet<>(r.breaks());
                return new Row(r.name(), r.description(), r.outcome().label(), r.outcome() == KillMatrix.Outcome.KILLED,
                        matrix.clauses().stream().map(c -> cell(c, r.verdicts(), breaks.contains(c.id().value()),
                                r.reasons().getOrDefault(c.id().value(), ""))).toList());
            }).toList());
            f.put("correct", matrix.correct().stream().map(r -> new Row(r.name(), "correct implementation",
                    r.conformance().label(), !r.falseAlarm(), matrix.clauses().stream().map(c -> cell(c, r.verdicts(), false, ""))
                            .toList())).toList());
            families.add(f);
        }
        vars.put("families", families);
        String html = renderer.selftest(vars);
        AtomicFiles.write(dir.resolve(HTML), html.getBytes(StandardCharsets.UTF_8));
        return dir.resolve(HTML);
    }

    /** A column: the clause id, and its text cut short for the header's tooltip. */
    public record Column(String id, String text) {
    }

    /** A cell: the verdict's word and CSS class, whether the fault breaks this clause, and the reason it was caught. */
    public record Cell(String verdict, String css, boolean expected, String reason) {
    }

    /** A row: a fault or a correct implementation. */
    public record Row(String name, String description, String outcome, boolean good, List<Cell> cells) {
    }

    private static Cell cell(Clause c, Map<String, Verdict> verdicts, boolean expected, String reason) {
        Verdict v = verdicts.get(c.id().value());
        return new Cell(v == null ? "" : v.label(), v == null ? "" : "verdict-" + v.slug(), expected, reason);
    }

    private static String short_(Clause c) {
        return c.text().length() <= 90 ? c.text() : c.text().substring(0, 89) + "…";
    }

    /**
     * The matrices as one document: every family's clauses, faults and correct implementations in {@code clauses},
     * {@code faults} and {@code correct} (each row naming its {@code family}), and {@code families} with each family's
     * id, title and whether its self-test passed.
     */
    static Map<String, Object> json(List<Section> sections, String kitVersion) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kit", Map.of("version", kitVersion));
        root.put("passed", sections.stream().allMatch(x -> x.matrix().passed()));
        root.put("families", sections.stream().map(x -> Map.of("id", x.family(), "title", x.title(), "passed", x.matrix().passed()))
                .toList());
        List<Clause> clauses = sections.stream().flatMap(x -> x.matrix().clauses().stream()).toList();
        root.put("clauses", clauses.stream().map(c -> Map.of("id", c.id().value(), "text", c.text(), "kind", c.kind().label())).toList());
        List<Map<String, Object>> faults = new ArrayList<>();
        for (KillMatrix.FaultRow f : sections.stream().flatMap(x -> x.matrix().faults().stream()).toList()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("family", f.family());
            row.put("name", f.name());
            row.put("description", f.description());
            row.put("breaks", f.breaks());
            row.put("outcome", f.outcome().label());
            row.put("durationMillis", f.durationMillis());
            Map<String, String> verdicts = new LinkedHashMap<>();
            f.verdicts().forEach((k, v) -> verdicts.put(k, v.label()));
            row.put("verdicts", verdicts);
            row.put("reasons", f.reasons());
            faults.add(row);
        }
        root.put("faults", faults);
        List<Map<String, Object>> correct = new ArrayList<>();
        for (KillMatrix.CorrectRow r : sections.stream().flatMap(x -> x.matrix().correct().stream()).toList()) {
            Map<String, String> verdicts = new LinkedHashMap<>();
            r.verdicts().forEach((k, v) -> verdicts.put(k, v.label()));
            correct.add(Map.of("family", r.family(), "name", r.name(), "conformance", r.conformance().label(), "verdicts", verdicts));
        }
        root.put("correct", correct);
        return root;
    }
}
