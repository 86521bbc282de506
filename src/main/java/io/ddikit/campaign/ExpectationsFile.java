package io.ddikit.campaign;

import io.ddikit.result.Verdict;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An expectations file: what a vendor expects of the run, per clause or per scenario, each entry with a reason and
 * an expiry date. The schema (documented in the README, "Expectations"):
 *
 * <pre>
 * ddikit-expectations: 1
 * expectations:
 *   - clause: NdisReleaseSpinLock.remarks.NdisReleaseSpinLock-restores-original-irql-which-caller
 *     implementation: acme          # optional: NAME or FAMILY/NAME; default every implementation run
 *     expect: failed                # a verdict: passed, failed, error, not applicable, untested, untestable
 *     reason: the IRQL is restored before the lock is free; fixed in 2.1
 *     bug: https://tracker.example/ACME-12    # optional
 *     expires: 2027-03-31           # honoured through this day
 *   - scenario: features/ndis-spin-lock/nf-ndis-ndisreleasespinlock.feature:40   # or the scenario's name
 *     ...
 * </pre>
 *
 * Every problem is an {@link InvalidException} naming the file and line.
 */
public record ExpectationsFile(Path file, List<Expectation> entries) {

    /** The version of the schema this kit reads. */
    public static final int SCHEMA = 1;
    /** The bound on a file's size: an expectations file is written by hand. */
    public static final long MAX_BYTES = 4L << 20;
    private static final int MAX_REASON = 300;
    private static final Set<String> ENTRY_KEYS = Set.of("clause", "scenario", "implementation", "expect", "reason", "bug",
            "expires");

    public ExpectationsFile {
        entries = List.copyOf(entries);
    }

    /** One entry of the file, at {@code line}. {@code clause} or {@code scenario} is set, never both. */
    public record Expectation(int line, String clause, String scenario, String implementation, Verdict expect, String reason,
                              String bug, LocalDate expires) {

        /** What the entry is about, as it is written: {@code clause X} or {@code scenario Y}. */
        public String subject() {
            return clause != null ? "clause " + clause : "scenario " + scenario;
        }

        /** Whether the entry names this implementation (or every one). */
        public boolean appliesTo(String family, String name) {
            return implementation == null || implementation.equals(name) || implementation.equals(family + "/" + name);
        }

        /** Whether the entry is past its expiry date on {@code today}. */
        public boolean expiredOn(LocalDate today) {
            return today.isAfter(expires);
        }
    }

    /** A file that cannot be read or does not follow the schema; the message names the file and line. */
    public static final class InvalidException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidException(String message) {
            super(message);
        }
    }

    public static ExpectationsFile read(Path file) throws InvalidException {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new InvalidException(file + ": no such expectations file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidException(file + ": an expectations file is at most " + (MAX_BYTES >> 20) + " MiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidException(file + ": cannot be read: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidException(file + ": is not UTF-8 text");
        }
        return parse(file, text);
    }

    static ExpectationsFile parse(Path file, String text) throws InvalidException {
        Node root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setAllowDuplicateKeys(false)
                    .setMaxAliasesForCollections(0).setCodePointLimit((int) MAX_BYTES).build();
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
            root = composer.getSingleNode().orElse(null);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
            throw new InvalidException(file + ":" + line + ": not valid YAML: " + firstLine(e.getProblem()));
        } catch (YamlEngineException e) {
            throw new InvalidException(file + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        if (!(root instanceof MappingNode top)) {
            throw new InvalidException(file + ":" + line(root) + ": an expectations file is a mapping with 'ddikit-expectations: "
                    + SCHEMA + "' and 'expectations:'");
        }
        Map<String, Node> keys = mapping(file, top, Set.of("ddikit-expectations", "expectations"));
        Node version = keys.get("ddikit-expectations");
        if (version == null) {
            throw new InvalidException(file + ":" + line(top) + ": missing 'ddikit-expectations: " + SCHEMA + "' (the schema version)");
        }
        if (!String.valueOf(SCHEMA).equals(scalar(file, version, "ddikit-expectations"))) {
            throw new InvalidException(file + ":" + line(version) + ": ddikit-expectations is " + scalar(file, version, "ddikit-expectations")
                    + "; this kit reads version " + SCHEMA);
        }
        Node list = keys.get("expectations");
        List<Expectation> entries = new ArrayList<>();
        if (list == null || list instanceof ScalarNode s && s.getValue().isEmpty()) {
            return new ExpectationsFile(file, entries);
        }
        if (!(list instanceof SequenceNode seq)) {
            throw new InvalidException(file + ":" + line(list) + ": 'expectations' is a list of entries ('- clause: …')");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Node n : seq.getValue()) {
            Expectation e = entry(file, n);
            String key = (e.implementation() == null ? "*" : e.implementation()) + " " + e.subject();
            Integer before = seen.putIfAbsent(key, e.line());
            if (before != null) {
                throw new InvalidException(file + ":" + e.line() + ": a second entry for " + e.subject()
                        + (e.implementation() == null ? "" : " of " + e.implementation()) + " (the first is at line " + before + ")");
            }
            entries.add(e);
        }
        return new ExpectationsFile(file, entries);
    }

    private static Expectation entry(Path file, Node n) throws InvalidException {
        if (!(n instanceof MappingNode m)) {
            throw new InvalidException(file + ":" + line(n) + ": an entry is a mapping ('- clause: ID' with expect, reason, expires)");
        }
        int line = line(m);
        Map<String, Node> keys = mapping(file, m, ENTRY_KEYS);
        String clause = optional(file, keys, "clause");
        String scenario = optional(file, keys, "scenario");
        if ((clause == null) == (scenario == null)) {
            throw new InvalidException(file + ":" + line + ": an entry names either a clause ('clause: ID') or a scenario "
                    + "('scenario: NAME' or 'scenario: FEATURE:LINE'), " + (clause == null ? "and this one names neither" : "not both"));
        }
        String implementation = optional(file, keys, "implementation");
        String expectText = required(file, keys, "expect", line);
        Verdict expect;
        try {
            expect = Verdict.fromLabel(expectText);
        } catch (IllegalArgumentException e) {
            expect = null;
        }
        if (expect == null || expect == Verdict.OUTDATED) {
            throw new InvalidException(file + ":" + line(keys.get("expect")) + ": expect '" + printable(expectText)
                    + "' is not a verdict; one of passed, failed, error, not applicable, untested, untestable");
        }
        String reason = required(file, keys, "reason", line);
        if (reason.contains("\n") || reason.length() > MAX_REASON) {
            throw new InvalidException(file + ":" + line(keys.get("reason")) + ": a reason is one line of at most " + MAX_REASON + " characters");
        }
        String bug = optional(file, keys, "bug");
        String expiresText = required(file, keys, "expires", line);
        LocalDate expires;
        try {
            expires = LocalDate.parse(expiresText);
        } catch (DateTimeParseException e) {
            throw new InvalidException(file + ":" + line(keys.get("expires")) + ": expires '" + printable(expiresText)
                    + "' is not a date (YYYY-MM-DD)");
        }
        return new Expectation(line, clause, scenario, implementation, expect, reason, bug, expires);
    }

    private static Map<String, Node> mapping(Path file, MappingNode m, Set<String> allowed) throws InvalidException {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalar(file, t.getKeyNode(), "a key");
            if (!allowed.contains(key)) {
                throw new InvalidException(file + ":" + line(t.getKeyNode()) + ": unknown key '" + printable(key) + "'; known: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
            out.put(key, t.getValueNode());
        }
        return out;
    }

    private static String required(Path file, Map<String, Node> keys, String key, int line) throws InvalidException {
        String v = optional(file, keys, key);
        if (v == null || v.isBlank()) {
            throw new InvalidException(file + ":" + line + ": the entry has no '" + key + "'");
        }
        return v;
    }

    private static String optional(Path file, Map<String, Node> keys, String key) throws InvalidException {
        Node n = keys.get(key);
        if (n == null) {
            return null;
        }
        String v = scalar(file, n, key).strip();
        return v.isEmpty() ? null : v;
    }

    private static String scalar(Path file, Node n, String what) throws InvalidException {
        if (!(n instanceof ScalarNode s)) {
            throw new InvalidException(file + ":" + line(n) + ": " + what + " must be a plain value, not a list or a mapping");
        }
        return s.getValue();
    }

    private static int line(Node n) {
        return n == null ? 1 : n.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String printable(String s) {
        return io.ddikit.result.Bounds.printable(s, 100);
    }
}
