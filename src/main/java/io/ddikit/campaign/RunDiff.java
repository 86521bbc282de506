package io.ddikit.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ddikit.grade.ClauseVerdict;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.result.Verdict;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two runs, per implementation ({@code family/name}) and clause: new failures, new passes,
 * clauses newly outdated or untested, other changes of verdict, clauses added and removed. Runs are compared by
 * their verdicts alone (a report folder's {@code conformance.json}, or the verdicts a run holds in memory).
 *
 * @param old             where the older run came from, as the user named it
 * @param current         where the newer run came from
 * @param implementations each implementation found in either run, in the newer run's order then the older's
 */
public record RunDiff(String old, String current, List<ImplementationDiff> implementations) {

    public RunDiff {
        implementations = List.copyOf(implementations);
    }

    /** How a clause's verdict moved. */
    public enum Kind {
        NEW_FAILURE("new failure"),
        NEW_PASS("new pass"),
        NEWLY_OUTDATED("newly outdated"),
        NEWLY_UNTESTED("newly untested"),
        CHANGED("changed"),
        ADDED("added clause"),
        REMOVED("removed clause");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String slug() {
            return label.replace(' ', '-');
        }
    }

    /** One clause whose verdict differs; {@code before} or {@code after} is null when the clause is absent there. */
    public record Change(String clause, Kind kind, Verdict before, Verdict after, String text) {
    }

    /**
     * One implementation's changes.
     *
     * @param status {@code changed}, {@code unchanged}, {@code added} (only in the newer run) or {@code removed}
     */
    public record ImplementationDiff(String implementation, String status, List<Change> changes) {
        public ImplementationDiff {
            changes = List.copyOf(changes);
        }
    }

    /** A run's verdicts per implementation and clause, with each clause's text. */
    public record Snapshot(String source, Map<String, Map<String, Entry>> verdicts) {
        public record Entry(Verdict verdict, String text) {
        }

        /** The verdicts a run holds. */
        public static Snapshot of(String source, List<ImplementationVerdict> verdicts) {
            Map<String, Map<String, Entry>> all = new LinkedHashMap<>();
            for (ImplementationVerdict v : verdicts) {
                Map<String, Entry> clauses = new LinkedHashMap<>();
                for (ClauseVerdict cv : v.clauses()) {
                    clauses.put(cv.clause().id().value(), new Entry(cv.verdict(), cv.clause().text()));
                }
                all.put(ExpectationOutcome.key(v.implementation()), clauses);
            }
            return new Snapshot(source, all);
        }

        /**
         * The verdicts stored in a report folder's {@code conformance.json} (or that file itself, or a submission
         * bundle holding one under {@code report/}).
         */
        public static Snapshot read(Path path) throws UnreadableException {
            try {
                if (Files.isDirectory(path)) {
                    Path json = path.resolve("conformance.json");
                    if (!Files.isRegularFile(json)) {
                        throw new UnreadableException(path + ": no conformance.json here; is it a report folder of './ddikit run'?");
                    }
                    return parse(path.toString(), json, Files.newInputStream(json));
                }
                if (!Files.isRegularFile(path)) {
                    throw new UnreadableException(path + ": no such report folder or bundle");
                }
                if (path.getFileName().toString().endsWith(".zip")) {
                    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(path.toFile())) {
                        java.util.zip.ZipEntry e = zip.getEntry("report/conformance.json");
                        if (e == null) {
                            throw new UnreadableException(path + ": holds no report/conformance.json; is it a bundle of './ddikit bundle'?");
                        }
                        return parse(path.toString(), path, zip.getInputStream(e));
                    }
                }
                return parse(path.toString(), path, Files.newInputStream(path));
            } catch (java.util.zip.ZipException e) {
                throw new UnreadableException(path + ": not a zip file: " + e.getMessage());
            } catch (IOException e) {
                throw new UnreadableException(path + ": cannot be read: " + e.getMessage());
            }
        }

        private static Snapshot parse(String source, Path file, InputStream in) throws UnreadableException, IOException {
            JsonNode root;
            try (in) {
                root = new ObjectMapper().readTree(in);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UnreadableException(file + ":" + e.getLocation().getLineNr() + ": not valid JSON: " + e.getOriginalMessage());
            }
            JsonNode impls = root == null ? null : root.get("implementations");
            if (impls == null || !impls.isArray()) {
                throw new UnreadableException(file + ": has no 'implementations' list; is it a conformance.json of ddikit?");
            }
            Map<String, Map<String, Entry>> all = new LinkedHashMap<>();
            for (JsonNode i : impls) {
                String key = i.path("family").asText("") + "/" + i.path("name").asText("");
                Map<String, Entry> clauses = new LinkedHashMap<>();
                for (JsonNode c : i.path("clauses")) {
                    String id = c.path("id").asText("");
                    Verdict v;
                    try {
                        v = Verdict.fromLabel(c.path("verdict").asText(""));
                    } catch (IllegalArgumentException e) {
                        throw new UnreadableException(file + ": clause " + id + " of " + key + " has an unknown verdict '"
                                + io.ddikit.result.Bounds.printable(c.path("verdict").asText(""), 40) + "'");
                    }
                    clauses.put(id, new Entry(v, c.path("text").asText("")));
                }
                all.put(key, clauses);
            }
            return new Snapshot(source, all);
        }
    }

    /** A run's results that cannot be read; the message names the file. */
    public static final class UnreadableException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnreadableException(String message) {
            super(message);
        }
    }

    /** The changes from {@code before} to {@code after}. */
    public static RunDiff between(Snapshot before, Snapshot after) {
        Set<String> keys = new LinkedHashSet<>(after.verdicts().keySet());
        keys.addAll(before.verdicts().keySet());
        List<ImplementationDiff> out = new ArrayList<>();
        for (String key : keys) {
            Map<String, Snapshot.Entry> b = before.verdicts().get(key);
            Map<String, Snapshot.Entry> a = after.verdicts().get(key);
            if (b == null) {
                out.add(new ImplementationDiff(key, "added", List.of()));
                continue;
            }
            if (a == null) {
                out.add(new ImplementationDiff(key, "removed", List.of()));
                continue;
            }
            List<Change> changes = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>(a.keySet());
            ids.addAll(b.keySet());
            for (String id : ids) {
                Snapshot.Entry was = b.get(id);
                Snapshot.Entry is = a.get(id);
                Verdict from = was == null ? null : was.verdict();
                Verdict to = is == null ? null : is.verdict();
                if (from == to) {
                    continue;
                }
                changes.add(new Change(id, kind(from, to), from, to, is != null ? is.text() : was.text()));
            }
            out.add(new ImplementationDiff(key, changes.isEmpty() ? "unchanged" : "changed", changes));
        }
        return new RunDiff(before.source(), after.source(), out);
    }

    private static Kind kind(Verdict from, Verdict to) {
        if (to == null) {
            return Kind.REMOVED;
        }
        if (bad(to) && !bad(from)) {
            return Kind.NEW_FAILURE;
        }
        if (from == null) {
            return Kind.ADDED;
        }
        if (to == Verdict.PASSED) {
            return Kind.NEW_PASS;
        }
        if (to == Verdict.OUTDATED) {
            return Kind.NEWLY_OUTDATED;
        }
        if (to == Verdict.UNTESTED) {
            return Kind.NEWLY_UNTESTED;
        }
        return Kind.CHANGED;
    }

    private static boolean bad(Verdict v) {
        return v == Verdict.FAILED || v == Verdict.ERROR;
    }

    /** Whether anything changed: a clause's verdict, or an implementation added or removed. */
    public boolean isEmpty() {
        return implementations.stream().allMatch(i -> i.status().equals("unchanged"));
    }

    /** How many changes of each kind, over every implementation. */
    public Map<Kind, Integer> counts() {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            counts.put(k, 0);
        }
        implementations.forEach(i -> i.changes().forEach(c -> counts.merge(c.kind(), 1, Integer::sum)));
        return counts;
    }

    /** The diff as the console shows it. */
    public String toText() {
        StringBuilder s = new StringBuilder();
        s.append("changes from ").append(old).append(" to ").append(current).append('\n');
        for (ImplementationDiff i : implementations) {
            switch (i.status()) {
                case "added" -> s.append(i.implementation()).append(": only in the newer run\n");
                case "removed" -> s.append(i.implementation()).append(": only in the older run\n");
                case "unchanged" -> s.append(i.implementation()).append(": no change\n");
                default -> {
                    s.append(i.implementation()).append(": ").append(summary(i.changes())).append('\n');
                    for (Change c : i.changes()) {
                        s.append(String.format("  %-15s %s: %s -> %s%n", c.kind().label(), c.clause(), label(c.before()), label(c.after())));
                        s.append(String.format("  %-15s \"%s\"%n", "", abbreviate(c.text(), 110)));
                    }
                }
            }
        }
        return s.toString();
    }

    /** {@code 1 new failure, 2 new passes}. */
    public static String summary(List<Change> changes) {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        changes.forEach(c -> counts.merge(c.kind(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((k, n) -> parts.add(n + " " + (n == 1 ? k.label() : plural(k.label()))));
        return parts.isEmpty() ? "no change" : String.join(", ", parts);
    }

    private static String plural(String label) {
        return label.endsWith("s") ? label + "es" : label.endsWith("outdated") || label.endsWith("untested") || label.equals("changed")
                ? label : label + "s";
    }

    private static String label(Verdict v) {
        return v == null ? "(absent)" : v.label();
    }

    private static String abbreviate(String s, int max) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    /** The diff as JSON (the {@code diff} command's {@code --format json}, and {@code baseline} in conformance.json). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("old", old);
        m.put("new", current);
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts().forEach((k, n) -> counts.put(k.label(), n));
        m.put("counts", counts);
        List<Map<String, Object>> impls = new ArrayList<>();
        for (ImplementationDiff i : implementations) {
            Map<String, Object> im = new LinkedHashMap<>();
            im.put("implementation", i.implementation());
            im.put("status", i.status());
            List<Map<String, Object>> cs = new ArrayList<>();
            for (Change c : i.changes()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("clause", c.clause());
                cm.put("change", c.kind().label());
                cm.put("old", c.before() == null ? null : c.before().label());
                cm.put("new", c.after() == null ? null : c.after().label());
                cm.put("text", c.text());
                cs.add(cm);
            }
            im.put("changes", cs);
            impls.add(im);
        }
        m.put("implementations", impls);
        return m;
    }
}
