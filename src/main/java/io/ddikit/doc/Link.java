package io.ddikit.doc;

/**
 * A link found in a page: its text (an API name when it names one) and the target as written
 * in the page (relative Markdown path with backslashes normalised to slashes, or a URL).
 */
public record Link(String text, String target) {
}
