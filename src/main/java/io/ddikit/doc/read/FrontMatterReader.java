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
    private static final Pattern DELIMITER = Pattern.compile("---[ \\t]*");

    /** The deepest nesting of flow lists and maps read. */
    static final int MAX_NESTING = 64;

    private static final LoadSettings SETTINGS = LoadSettings.builder()
            .setAllowDuplicateKeys(true)
            .setLabel("front matter")
            .build();

    private FrontMatterReader() {
    }

    static FrontMatter read(String page, LineIndex lines) throws PageFormatException {
        List<String> rows = physicalLines(page);
        if (rows.isEmpty() || !DELIMITER.matcher(rows.get(0)).matches()) {
            throw new PageFormatException(1, "no front matter (a page starts with a '---' block)");
        }
        int close = -1;
        for (int i = 1; i < rows.size(); i++) {
            String r = rows.get(i);
            if (DELIMITER.matcher(r).matches() || r.equals("...")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            throw new PageFormatException(1, "front matter is not closed (no second '---' line)");
        }
        StringBuilder yaml = new StringBuilder();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
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
        Object loaded;
        try {
            loaded = new Load(SETTINGS).loadFromString(yaml.toString());
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 2).orElse(1);
            throw new PageFormatException(line, "front matter is not readable: " + firstLine(e.getProblem()));
        } catch (YamlEngineException e) {
            throw new PageFormatException(1, "front matter is not readable: " + firstLine(e.getMessage()));
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

    static List<String> physicalLines(String page) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = page.length();
        for (int i = 0; i < n; i++) {
            char c = page.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(page.substring(start, i));
                if (c == '\r' && i + 1 < n && page.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < n) {
            out.add(page.substring(start));
        }
        return out;
    }
}
