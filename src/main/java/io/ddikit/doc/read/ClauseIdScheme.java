package io.ddikit.doc.read;

import io.ddikit.doc.ClauseId;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clause ids: {@code <api>.<section>.<slug>}. The slug is the sentence's first six significant
 * words joined with {@code -}: words lowercased except API names (kept as written), stop words
 * ({@link #STOP_WORDS}) and possessive {@code 's} left out. Two clauses of one page with the same
 * id get {@code -2}, {@code -3}, … in page order.
 *
 * <p>An id depends only on its own sentence's first words (and, on a collision, on the order of
 * the colliding sentences), so editing other sentences of the page never changes it; changing the
 * first words of the sentence itself does.
 */
final class ClauseIdScheme {
    static final int SLUG_WORDS = 6;
    static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "its", "to", "of", "with", "that", "by", "be", "is",
            "any", "it", "and", "or", "in", "on", "for", "as", "at", "are", "was", "were", "this", "these", "those", "s");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern INVALID = Pattern.compile("[^A-Za-z0-9_.\\-]");

    private final String prefix;
    private final Map<String, Integer> seen = new HashMap<>();

    ClauseIdScheme(String api) {
        String a = INVALID.matcher(api == null || api.isEmpty() ? "page" : api).replaceAll("_");
        this.prefix = a;
    }

    /** The next id for a sentence of {@code section}. */
    ClauseId next(String section, String text) {
        String base = prefix + "." + section + "." + slug(text);
        int n = seen.merge(base, 1, Integer::sum);
        return new ClauseId(n == 1 ? base : base + "-" + n);
    }

    /** A fixed id ({@code <api>.requirements.irql}). */
    ClauseId fixed(String section, String name) {
        String base = prefix + "." + section + "." + name;
        int n = seen.merge(base, 1, Integer::sum);
        return new ClauseId(n == 1 ? base : base + "-" + n);
    }

    static String slug(String text) {
        Matcher m = WORD.matcher(text.replace("\u2019s ", " ").replace("'s ", " "));
        StringBuilder sb = new StringBuilder();
        int words = 0;
        while (words < SLUG_WORDS && m.find()) {
            String w = m.group();
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
