package io.ddikit.report;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.parser.StreamParser;
import org.jsoup.safety.Safelist;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What may reach the report from a page or a vendor other than as escaped text.
 * HTML taken from a page is cleaned with a jsoup {@link Safelist}: no script, no event handlers,
 * links to http(s) only. Every rendered file is checked once more before it is written.
 */
final class SafeHtml {
    private static final Safelist PAGE_HTML = new Safelist()
            .addTags("b", "i", "em", "strong", "code", "sub", "sup", "u", "br", "a")
            .addAttributes("a", "href", "title")
            .addProtocols("a", "href", "http", "https")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer");

    private SafeHtml() {
    }

    /** A fragment of a page's HTML, reduced to harmless inline markup. */
    static String sanitize(String html) {
        return html == null ? "" : Jsoup.clean(html, PAGE_HTML);
    }

    /** The URL itself when it is an absolute http(s) URL; empty otherwise (the target is then shown as text). */
    static String httpUrl(String target) {
        if (target == null || target.isBlank()) {
            return "";
        }
        try {
            URI uri = new URI(target.strip());
            String scheme = uri.getScheme();
            if (scheme != null && uri.getHost() != null) {
                String s = scheme.toLowerCase(Locale.ROOT);
                if (s.equals("http") || s.equals("https")) {
                    return uri.toString();
                }
            }
        } catch (URISyntaxException e) {
            // not a URL: shown as text
        }
        return "";
    }

    /**
     * Checks rendered HTML: no script element, no event handler attribute, no {@code javascript:} URL.
     *
     * @throws IllegalStateException naming the first offence; the file is then not written
     */
    static void check(String name, String html) {
        try {
            check(name, new StringReader(html));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string reader does not fail
        }
    }

    /**
     * As {@link #check(String, String)}, reading the HTML as a stream: each element is checked as soon as it ends,
     * and what it holds is then dropped, so that the check of a page of any size keeps only empty elements.
     *
     * @throws IllegalStateException naming the first offence (in the order elements end); the file is then not written
     * @throws IOException           when {@code html} cannot be read
     */
    static void check(String name, Reader html) throws IOException {
        try (StreamParser parser = new StreamParser(Parser.htmlParser()).parse(html, "")) {
            for (var elements = parser.iterator(); elements.hasNext(); ) {
                Element e = elements.next();
                String offence = offence(e);
                if (offence != null) {
                    throw new IllegalStateException(name + ": rendered HTML holds " + offence);
                }
                e.empty(); // its children were checked before it ended (removing it would renumber its siblings)
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** What is wrong with one element, its children aside, or null. */
    private static String offence(Element e) {
        switch (e.normalName()) {
            case "script", "iframe", "object", "embed" -> {
                return "an active element: " + e.tagName();
            }
            default -> {
            }
        }
        for (Attribute a : e.attributes()) {
            String key = a.getKey().toLowerCase(Locale.ROOT);
            String value = a.getValue().strip().toLowerCase(Locale.ROOT);
            if (key.startsWith("on")) {
                return "an event handler: " + key;
            }
            if (value.startsWith("javascript:") || value.startsWith("vbscript:") || value.startsWith("data:text/html")) {
                return "a script URL in " + key;
            }
        }
        return null;
    }
}
