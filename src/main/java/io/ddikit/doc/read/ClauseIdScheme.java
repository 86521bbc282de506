package io.ddikit.doc.read;

import io.ddikit.doc.ClauseId;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Clause ids: {@code <api>.<section>.<slug>}. The slug is the sentence's first six significant
 * words joined with {@code -}: words lowercased except API names (kept as written), stop words
 * ({@link #STOP_WORDS}) and possessive {@code 's} left out. Two clauses of one page with the same
 * id get {@code -2}, {@code -3}, … in page order, skipping a suffixed id another clause of the page already has.
 *
 * <p>An id depends only on its own sentence's first words (and, on a collision, on the order of
 * the colliding sentences), so editing other sentences of the page never changes it; changing the
 * first words of the sentence itself does.
 */
final class ClauseIdScheme {
    static final int SLUG_WORDS = 6;
    static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "its", "to", "of", "with", "that", "by", "be", "is",
            "any", "it", "and", "or", "in", "on", "for", "as", "at", "are", "was", "were", "this", "these", "those", "s");
    private static final Pattern INVALID = Pattern.compile("[^A-Za-z0-9_.\\-]");

    private final String prefix;
    private final Map<String, Integer> seen = new HashMap<>();
    private final java.util.Set<String> issued = new java.util.HashSet<>();

    ClauseIdScheme(String api) {
        String a = INVALID.matcher(api == null || api.isEmpty() ? "page" : api).replaceAll("_");
        this.prefix = a;
    }

    /** The next id for a sentence of {@code section}. */
    ClauseId next(String section, String text) {
        return issue(prefix + "." + section + "." + slug(text));
    }

    /** A fixed id ({@code <api>.requirements.irql}). */
    ClauseId fixed(String section, String name) {
        return issue(prefix + "." + section + "." + name);
    }

    /**
     * {@code base}, or on a collision {@code base-2}, {@code base-3}, …: the first that no clause of the page has yet,
     * since a suffixed id can be another sentence's own ("6" twice gives {@code 6-2}, and so does "6.2").
     */
    private ClauseId issue(String base) {
        int n = seen.merge(base, 1, Integer::sum);
        String id = n == 1 ? base : base + "-" + n;
        while (!issued.add(id)) {
            n = seen.merge(base, 1, Integer::sum);
            id = base + "-" + n;
        }
        return new ClauseId(id);
    }

    static String slug(String text) {
        String t = text.replace("\u2019s ", " ").replace("'s ", " ");
        StringBuilder sb = new StringBuilder();
        int words = 0;
        int n = t.length();
        int i = 0;
        while (words < SLUG_WORDS && i < n) {
            // the next word: a run of [A-Za-z0-9_]
            while (i < n && !ApiNames.isWordChar(t.charAt(i))) {
                i++;
            }
            if (i == n) {
                break;
            }
            int start = i;
            while (i < n && ApiNames.isWordChar(t.charAt(i))) {
                i++;
            }
            String w = t.substring(start, i);
            String lower = w.toLowerCase(Locale.ROOT);
            if (STOP_WORDS.contains(lower)) {
                continue;
            }
            String kept = ApiNames.isMarkedName(w) ? w : lower;
            if (sb.length() > 0) {
                sb.append('-');
            }
            sb.append(kept);
            words++;
        }
        return sb.length() == 0 ? "clause" : sb.toString();
    }

}
