package io.ddikit.doc.read;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Files of the reference that document no API, told apart by their shape, not their name: a table of contents (no front
 * matter; every line a heading or a list item, and links among them), and an overview page (a header's or a
 * technology's landing page: front matter whose {@code UID} is of the kind {@code NA:} or {@code TP:}, or whose
 * {@code ms.topic} is {@code overview}, {@code portal} or {@code landing-page}). Reading skips them with one summary
 * line; they are not refused as broken pages.
 */
final class NotReferencePages {
    static final String TABLE_OF_CONTENTS = "table of contents";
    static final String OVERVIEW = "overview page";

    /** UID kinds that name no API: a header (NA) and a technology (TP). */
    private static final Set<String> OVERVIEW_UIDS = Set.of("NA", "TP");
    private static final Set<String> OVERVIEW_TOPICS = Set.of("overview", "portal", "landing-page");
    private static final Pattern HEADING_OR_ITEM = Pattern.compile("[ \\t]*(#{1,6}|[-*+]|\\d{1,9}[.)])[ \\t]+\\S.*");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\([^)]*\\)");

    private NotReferencePages() {
    }

    /** Whether a file without front matter is a table of contents: only headings and list items, some of them links. */
    static boolean isTableOfContents(String text) {
        boolean link = false;
        boolean any = false;
        for (String line : text.split("\\R", -1)) {
            if (line.isBlank()) {
                continue;
            }
            if (!HEADING_OR_ITEM.matcher(line).matches()) {
                return false;
            }
            any = true;
            link |= LINK.matcher(line).find();
        }
        return any && link;
    }

    /** What the front matter says the page is when it documents no API ({@link #OVERVIEW}), else null. */
    static String kind(Map<String, Object> metadata) {
        Object uid = metadata.get("UID");
        if (uid instanceof String u) {
            int colon = u.indexOf(':');
            if (colon > 0 && OVERVIEW_UIDS.contains(u.substring(0, colon).strip().toUpperCase(java.util.Locale.ROOT))) {
                return OVERVIEW;
            }
        }
        Object topic = metadata.get("ms.topic");
        if (topic instanceof String t && OVERVIEW_TOPICS.contains(t.strip().toLowerCase(java.util.Locale.ROOT))) {
            return OVERVIEW;
        }
        return null;
    }
}
