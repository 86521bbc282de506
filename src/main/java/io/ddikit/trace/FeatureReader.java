package io.ddikit.trace;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Examples;
import io.cucumber.messages.types.Feature;
import io.cucumber.messages.types.FeatureChild;
import io.cucumber.messages.types.GherkinDocument;
import io.cucumber.messages.types.ParseError;
import io.cucumber.messages.types.Rule;
import io.cucumber.messages.types.RuleChild;
import io.cucumber.messages.types.Scenario;
import io.cucumber.messages.types.Step;
import io.cucumber.messages.types.Tag;
import io.cucumber.messages.types.TableRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads {@code .feature} files into {@link FeatureFile}s. Syntax errors become part of the result, never exceptions. */
public final class FeatureReader {
    /** The step text {@code scaffold} writes for a scenario that is still to be written. */
    public static final String PENDING_STEP = "this scenario is still to be written";

    private static final GherkinParser PARSER = GherkinParser.builder()
            .includeSource(false).includePickles(false).includeGherkinDocument(true).build();

    /** Every {@code *.feature} under the given files or folders, sorted by path. */
    public static List<Path> featureFiles(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".feature")).forEach(files::add);
                }
            } else if (Files.exists(p)) {
                files.add(p);
            } else {
                throw new IOException(display(p) + ": no such file or folder");
            }
        }
        files.sort(null);
        return files;
    }

    public FeatureFile read(Path file) {
        String name = display(file);
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                return failed(name, "not a regular file", 0);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            return failed(name, "cannot read the feature: " + reason, 0);
        } catch (OutOfMemoryError e) {
            return failed(name, "cannot read the feature: too large for the memory the kit may use", 0);
        }
        List<Envelope> envelopes = PARSER.parse(name, bytes).toList();
        for (Envelope e : envelopes) {
            Optional<ParseError> err = e.getParseError();
            if (err.isPresent()) {
                int line = err.get().getSource().getLocation().map(l -> l.getLine().intValue()).orElse(0);
                return failed(name, "Gherkin syntax error: " + stripLocation(err.get().getMessage()), line);
            }
        }
        Optional<Feature> feature = envelopes.stream().map(Envelope::getGherkinDocument).flatMap(Optional::stream)
                .map(GherkinDocument::getFeature).flatMap(Optional::stream).findFirst();
        if (feature.isEmpty()) {
            return failed(name, "no Feature in this file", 0);
        }
        Feature f = feature.get();
        List<String> featureTags = names(f.getTags());
        List<FeatureFile.RuleSpec> rules = new ArrayList<>();
        List<FeatureFile.ScenarioSpec> loose = new ArrayList<>();
        for (FeatureChild child : f.getChildren()) {
            child.getScenario().ifPresent(s -> loose.addAll(scenarios(s, featureTags)));
            child.getRule().ifPresent(r -> rules.add(rule(r, featureTags)));
        }
        return new FeatureFile(name, f.getName(), rules, loose, "", 0);
    }

    private static FeatureFile.RuleSpec rule(Rule r, List<String> featureTags) {
        List<String> ruleTags = names(r.getTags());
        List<String> inherited = merge(featureTags, ruleTags);
        List<FeatureFile.ScenarioSpec> scenarios = new ArrayList<>();
        for (RuleChild child : r.getChildren()) {
            child.getScenario().ifPresent(s -> scenarios.addAll(scenarios(s, inherited)));
        }
        return new FeatureFile.RuleSpec(r.getName().strip(), r.getLocation().getLine().intValue(), ruleTags,
                r.getDescription(), scenarios);
    }

    private static List<FeatureFile.ScenarioSpec> scenarios(Scenario s, List<String> inherited) {
        List<String> tags = merge(inherited, names(s.getTags()));
        boolean pending = !s.getSteps().isEmpty()
                && s.getSteps().stream().map(Step::getText).allMatch(t -> t.strip().equals(PENDING_STEP));
        if (s.getExamples().isEmpty()) {
            return List.of(new FeatureFile.ScenarioSpec(s.getName().strip(), s.getLocation().getLine().intValue(), tags, pending));
        }
        List<FeatureFile.ScenarioSpec> rows = new ArrayList<>();
        for (Examples ex : s.getExamples()) {
            List<String> exTags = merge(tags, names(ex.getTags()));
            for (TableRow row : ex.getTableBody()) {
                rows.add(new FeatureFile.ScenarioSpec(s.getName().strip(), row.getLocation().getLine().intValue(), exTags, pending));
            }
        }
        return rows;
    }

    private static List<String> names(List<Tag> tags) {
        return tags.stream().map(Tag::getName).toList();
    }

    private static List<String> merge(List<String> a, List<String> b) {
        LinkedHashSet<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static FeatureFile failed(String file, String message, int line) {
        return new FeatureFile(file, "", List.of(), List.of(), message, line);
    }

    /** Gherkin prefixes its messages with "(line:col): "; the kit puts the line in front itself. */
    private static String stripLocation(String message) {
        return message.replaceFirst("^\\(\\d+:\\d+\\):\\s*", "");
    }

    static String display(Path p) {
        return p.toString().replace('\\', '/');
    }
}
