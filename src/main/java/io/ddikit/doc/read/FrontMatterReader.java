package io.ddikit.doc.read;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code ---} block at the top of a page with a YAML parser (snakeyaml-engine).
 *
 * <p>The reference's pages are not all valid YAML: the older ones write {@code key : value} with
 * unquoted values full of colons, brackets and backslashes. A line pre-pass therefore rewrites each
 * top-level {@code key : value} line whose value is not already YAML-quoted ({@code "…"}, {@code '…'})
 * or a flow collection ({@code […]}, <code>{…}</code>) as {@code key: 'value'}, turns a tab after a
 * list dash into a space, and quotes a list item that starts with a YAML indicator the reference means as text
 * ({@code - *PDXGK_CALLBACK}, which YAML would read as an alias). The result is loaded as YAML; a block that still fails is an error with the
 * line YAML reports.
 *
 * <p>Values come out as {@code String} or {@code List<String>}. Keys in {@link #COMMA_LISTS} hold
 * comma-separated lists and are split. Empty values are left out.
 */
final class FrontMatterReader {
    /** Keys whose scalar value is a comma-separated list. */
    static final Set<String> COMMA_LISTS = Set.of("req.ddi-compliance", "ms.keywords", "req.typenames");

    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("([A-Za-z0-9_][A-Za-z0-9_.\\-]*)[ \\t]*:(?:[ \\t]+(.*?))?[ \\t]*");
    private static final Pattern DASH_TAB = Pattern.compile("^([ \\t]*)-\\t+");
    /**
     * A list item whose text starts with a character YAML reads as syntax where the reference means text: {@code *} (an
     * alias: {@code - *PDXGK_CALLBACK}), {@code &} (an anchor), {@code !} (a tag), {@code %}, {@code @} and
     * {@code `} (reserved).
     */
    private static final Pattern INDICATOR_ITEM = Pattern.compile("^([ \\t]*-[ \\t]+)([*&!%@`].*?)[ \\t]*$");

    /** Whether {@code row} is a front matter delimiter: three dashes, then spaces or tabs only. */
    private static boolean isDelimiter(String row) {
        if (!row.startsWith("---")) {
            return false;
        }
        for (int i = 3; i < row.length(); i++) {
            if (row.charAt(i) != ' ' && row.charAt(i) != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The deepest nesting of flow lists and maps read. */
    static final int MAX_NESTING = 64;

    private static final LoadSettings SETTINGS = LoadSettings.builder()
            .setAllowDuplicateKeys(true)
            .setLabel("front matter")
            .build();

    private FrontMatterReader() {
    }

    static FrontMatter read(String page, LineIndex lines) throws PageFormatException {
        List<String> rows = frontMatterLines(page);
        if (rows.isEmpty() || !isDelimiter(rows.get(0))) {
            throw new PageFormatException(1, "no front matter (a page starts with a '---' block)");
        }
        int close = -1;
        for (int i = 1; i < rows.size(); i++) {
            String r = rows.get(i);
            if (isDelimiter(r) || r.equals("...")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            throw new PageFormatException(1, "front matter is not closed (no second '---' line)");
        }
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        Object loaded = Plain.read(rows, close, keyLines);
        if (loaded == null) {
            keyLines.clear();
            loaded = yaml(rows, close, keyLines);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (loaded instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String k = String.valueOf(e.getKey());
                Object v = value(k, e.getValue());
                if (v != null) {
                    metadata.put(k, v);
                }
            }
        } else if (loaded != null) {
            throw new PageFormatException(2, "front matter is not readable: not a list of 'key: value' lines");
        }
        int bodyLine = close + 2;
        int bodyOffset = bodyLine > rows.size() ? page.length() : lines.start(bodyLine);
        return new FrontMatter(metadata, keyLines, bodyOffset);
    }

    /** The block read by the YAML parser, after the pre-pass; fills {@code keyLines}. */
    static Object yaml(List<String> rows, int close, Map<String, Integer> keyLines) throws PageFormatException {
        StringBuilder yaml = new StringBuilder();
        for (int i = 1; i < close; i++) {
            String row = rows.get(i);
            Matcher key = TOP_LEVEL_KEY.matcher(row);
            if (key.matches()) {
                keyLines.putIfAbsent(key.group(1), i + 1);
                String value = key.group(2);
                yaml.append(key.group(1)).append(':');
                if (value != null && !value.isEmpty()) {
                    yaml.append(' ').append(yamlValue(value));
                }
            } else {
                String item = DASH_TAB.matcher(row).replaceFirst("$1- ").replace('\t', ' ');
                Matcher indicator = INDICATOR_ITEM.matcher(item);
                yaml.append(indicator.matches() ? indicator.group(1) + yamlValue(indicator.group(2)) : item);
            }
            yaml.append('\n');
        }
        checkNesting(yaml);
        try {
            return new Load(SETTINGS).loadFromString(yaml.toString());
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 2).orElse(1);
            throw new PageFormatException(line, "front matter is not readable: " + firstLine(e.getProblem()));
        } catch (YamlEngineException e) {
            throw new PageFormatException(1, "front matter is not readable: " + firstLine(e.getMessage()));
        }
    }

    /**
     * Refuses flow collections ({@code [}, <code>{</code>) nested deeper than {@link #MAX_NESTING}: the YAML parser
     * takes time quadratic in the depth (100,000 levels take most of a minute) and recurses. Brackets inside quotes
     * are not counted; the count starts again at each top-level key.
     */
    private static void checkNesting(CharSequence yaml) throws PageFormatException {
        int depth = 0;
        int line = 2;
        boolean single = false;
        boolean dbl = false;
        boolean lineStart = true;
        for (int i = 0; i < yaml.length(); i++) {
            char c = yaml.charAt(i);
            if (lineStart && c != ' ' && c != '\t' && c != '-' && c != '\n') {
                depth = 0;
                single = false;
                dbl = false;
            }
            lineStart = c == '\n';
            if (c == '\n') {
                line++;
            } else if (dbl) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    dbl = false;
                }
            } else if (single) {
                single = c != '\'';
            } else if (c == '"') {
                dbl = true;
            } else if (c == '\'') {
                single = true;
            } else if (c == '[' || c == '{') {
                if (++depth > MAX_NESTING) {
                    throw new PageFormatException(line, "front matter is not readable: lists or maps nested more than "
                            + MAX_NESTING + " levels deep");
                }
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    private static String yamlValue(String value) {
        char c = value.charAt(0);
        if (c == '"' || c == '\'' || c == '[' || c == '{' || c == '|' || c == '>') {
            return value;
        }
        return "'" + value.replace("'", "''") + "'";
    }

    private static Object value(String key, Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (o != null && !String.valueOf(o).isBlank()) {
                    out.add(String.valueOf(o).trim());
                }
            }
            return out.isEmpty() ? null : List.copyOf(out);
        }
        String s = String.valueOf(raw).trim();
        if (s.isEmpty()) {
            return null;
        }
        if (COMMA_LISTS.contains(key)) {
            List<String> out = new ArrayList<>();
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return List.copyOf(out);
        }
        return s;
    }

    /**
     * The physical lines of a page up to its second delimiter line ({@code ---} or {@code ...}), and one line more when
     * the page goes on after it: what {@link #read} looks at, without splitting the whole page.
     */
    static List<String> frontMatterLines(String page) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = page.length();
        for (int i = 0; i < n; i++) {
            char c = page.charAt(i);
            if (c == '\n' || c == '\r') {
                String row = page.substring(start, i);
                out.add(row);
                if (c == '\r' && i + 1 < n && page.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
                if (out.size() == 1 ? !isDelimiter(row) : isDelimiter(row) || row.equals("...")) {
                    if (start < n) {
                        out.add("");
                    }
                    return out;
                }
            }
        }
        if (start < n) {
            out.add(page.substring(start));
        }
        return out;
    }

    /**
     * The front matter most pages have, read without the YAML parser: top-level {@code key: value} lines (every value
     * is made a quoted string by the pre-pass, so YAML reads it as written) and lists of plain words under a key with no
     * value ({@code - NdisAcquireSpinLock}), nothing else. Returns what YAML would load, or null for anything outside
     * that shape (the YAML parser then reads it, as it reads every other page).
     */
    static final class Plain {
        private static final Set<String> RESOLVED_WORDS = Set.of("null", "true", "false", "yes", "no", "on", "off", "y", "n");

        private Plain() {
        }

        static Map<String, Object> read(List<String> rows, int close, Map<String, Integer> keyLines) {
            Map<String, Object> out = new LinkedHashMap<>();
            String listKey = null;
            List<String> list = null;
            int listIndent = -1;
            for (int i = 1; i < close; i++) {
                String row = rows.get(i);
                if (!printable(row)) {
                    return null;
                }
                String[] key = keyLine(row);
                if (key != null) {
                    String k = key[0];
                    if (!Character.isLetter(k.charAt(0)) || RESOLVED_WORDS.contains(k.toLowerCase(java.util.Locale.ROOT))
                            || out.containsKey(k)) {
                        return null;
                    }
                    keyLines.put(k, i + 1);
                    String value = key[1];
                    if (value == null || value.isEmpty()) {
                        out.put(k, null);
                        listKey = k;
                        list = null;
                        listIndent = -1;
                        continue;
                    }
                    listKey = null;
                    char c = value.charAt(0);
                    if (c == '[') {
                        List<String> flow = flowList(value);
                        if (flow == null) {
                            return null;
                        }
                        out.put(k, flow);
                    } else if (c == '"') {
                        // "…" without escapes or other quotes is its text
                        if (value.length() < 2 || value.charAt(value.length() - 1) != '"'
                                || value.indexOf('"', 1) != value.length() - 1 || value.indexOf('\\') >= 0) {
                            return null;
                        }
                        out.put(k, value.substring(1, value.length() - 1));
                    } else if (c == '\'' || c == '{' || c == '|' || c == '>') {
                        return null;
                    } else {
                        out.put(k, value);
                    }
                    continue;
                }
                // a list item under the last key without a value
                int indent = 0;
                while (indent < row.length() && row.charAt(indent) == ' ') {
                    indent++;
                }
                if (listKey == null || indent + 1 >= row.length() || row.charAt(indent) != '-' || row.charAt(indent + 1) != ' '
                        || (listIndent >= 0 && indent != listIndent)) {
                    return null;
                }
                String item = row.substring(indent + 2).strip();
                if (!plainWord(item)) {
                    return null;
                }
                if (list == null) {
                    list = new ArrayList<>();
                    out.put(listKey, list);
                    listIndent = indent;
                }
                list.add(item);
            }
            return out;
        }

        /**
         * A row's key and value as {@link #TOP_LEVEL_KEY} matches them (the value null when nothing follows the colon,
         * without the blanks around it), or null when it is no key line; a hand-written match, since it runs on every row.
         */
        static String[] keyLine(String row) {
            int n = row.length();
            if (n == 0 || !keyChar(row.charAt(0)) || row.charAt(0) == '.' || row.charAt(0) == '-') {
                return null;
            }
            int i = 1;
            while (i < n && keyChar(row.charAt(i))) {
                i++;
            }
            String key = row.substring(0, i);
            while (i < n && blank(row.charAt(i))) {
                i++;
            }
            if (i >= n || row.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i == n) {
                return new String[] {key, null};
            }
            if (!blank(row.charAt(i))) {
                return null;
            }
            int end = n;
            while (end > i && blank(row.charAt(end - 1))) {
                end--;
            }
            while (i < end && blank(row.charAt(i))) {
                i++;
            }
            return new String[] {key, row.substring(i, end)};
        }

        private static boolean keyChar(char c) {
            return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-';
        }

        private static boolean blank(char c) {
            return c == ' ' || c == '\t';
        }

        /** {@code ["a", "b"]}: double-quoted strings without escapes; anything else is null. */
        private static List<String> flowList(String value) {
            List<String> out = new ArrayList<>();
            int i = 1;
            int n = value.length();
            while (true) {
                while (i < n && value.charAt(i) == ' ') {
                    i++;
                }
                if (i >= n || value.charAt(i) != '"') {
                    return null;
                }
                int end = value.indexOf('"', i + 1);
                if (end < 0) {
                    return null;
                }
                String item = value.substring(i + 1, end);
                if (item.indexOf('\\') >= 0) {
                    return null;
                }
                out.add(item);
                i = end + 1;
                while (i < n && value.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && value.charAt(i) == ',') {
                    i++;
                    continue;
                }
                return i == n - 1 && value.charAt(i) == ']' ? out : null;
            }
        }

        /**
         * A list item YAML reads as the string written: one the pre-pass quotes ({@code *PFOO}, see {@link #INDICATOR_ITEM}),
         * or a plain scalar that starts with a letter, {@code _} or a digit (then with a character no number has:
         * {@code 1394/CYCLE_TIME}, {@code 1394.h}), without {@code : }, {@code #}, a tab or a final colon, and not a word
         * YAML reads as a null or a boolean.
         */
        private static boolean plainWord(String item) {
            if (item.isEmpty() || item.indexOf('\t') >= 0) {
                return false;
            }
            char c = item.charAt(0);
            if ("*&!%@`".indexOf(c) >= 0) {
                return true;
            }
            if (!(Character.isLetter(c) || c == '_' || c >= '0' && c <= '9' && !numberLike(item))
                    || item.endsWith(":") || item.indexOf('#') >= 0 || item.contains(": ")) {
                return false;
            }
            return !RESOLVED_WORDS.contains(item.toLowerCase(java.util.Locale.ROOT));
        }

        /** Whether every character could be part of a number YAML reads (decimal, hexadecimal, octal, binary, 1:20). */
        private static boolean numberLike(String item) {
            for (int i = 0; i < item.length(); i++) {
                if ("0123456789.+-_:eExXoObBaAcCdDfF".indexOf(item.charAt(i)) < 0) {
                    return false;
                }
            }
            return true;
        }

        /** Characters YAML reads in a line as they are: no control characters, no line separators, no surrogates. */
        private static boolean printable(String row) {
            for (int i = 0; i < row.length(); i++) {
                char c = row.charAt(i);
                if (c < 0x20 || c >= 0x7F && c < 0xA0 || c >= 0xD800 && c < 0xE000 || c == '\u2028' || c == '\u2029'
                        || c >= 0xFFFE || c == '\uFEFF') {
                    return false;
                }
            }
            return true;
        }
    }
}
