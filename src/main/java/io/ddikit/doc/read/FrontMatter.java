package io.ddikit.doc.read;

import java.util.Map;

/**
 * A page's front matter, read.
 *
 * @param metadata   values ({@code String} or {@code List<String>}), in file order, empty ones left out
 * @param keyLines   the line of each top-level key
 * @param bodyOffset where the Markdown body starts in the page
 */
record FrontMatter(Map<String, Object> metadata, Map<String, Integer> keyLines, int bodyOffset) {
}
