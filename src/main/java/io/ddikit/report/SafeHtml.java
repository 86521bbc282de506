package io.ddikit.report;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

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
        Document doc = Jsoup.parse(html);
        if (!doc.select("script, iframe, object, embed").isEmpty()) {
            throw new IllegalStateException(name + ": rendered HTML holds an active element: "
                    + doc.select("script, iframe, object, embed").first().tagName());
        }
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                String value = a.getValue().strip().toLowerCase(Locale.ROOT);
                if (key.startsWith("on")) {
                    throw new IllegalStateException(name + ": rendered HTML holds an event handler: " + key);
                }
                if (value.startsWith("javascript:") || value.startsWith("vbscript:") || value.startsWith("data:text/html")) {
                    throw new IllegalStateException(name + ": rendered HTML holds a script URL in " + key);
                }
            }
        }
    }
}
