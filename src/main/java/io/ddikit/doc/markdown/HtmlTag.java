package io.ddikit.doc.markdown;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One HTML tag as written in a page: its lowercase name, whether it closes, and its link target. */
record HtmlTag(String name, boolean closing, boolean selfClosing, String href, String cssClass) {
    /**
     * A tag: closing slash, name, attributes, self-closing slash. The quantifiers are possessive so that
     * matching a tag with thousands of attribute characters does not recurse once per character.
     */
    static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z][A-Za-z0-9:_-]*+)((?:[^>\"'/]++|/(?!>)|\"[^\"]*+\"|'[^']*+')*+)(/?)>", Pattern.DOTALL);
    private static final Pattern HREF = Pattern.compile("\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLASS = Pattern.compile("\\bclass\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))", Pattern.CASE_INSENSITIVE);

    /** Elements that start a new block of prose. */
    static final Set<String> BLOCK = Set.of("p", "div", "li", "ul", "ol", "table", "thead", "tbody", "tfoot", "tr",
            "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dl", "dt", "dd", "pre", "hr", "section", "article");
    /** Elements whose content is code or style, never prose. */
    static final Set<String> DROPPED = Set.of("script", "style", "noscript", "template", "iframe", "object");

    static HtmlTag parse(CharSequence raw) {
        Matcher m = TAG.matcher(raw);
        if (!m.find()) {
            return null;
        }
        return of(m);
    }

    static HtmlTag of(Matcher m) {
        String attrs = m.group(3);
        return new HtmlTag(m.group(2).toLowerCase(Locale.ROOT), !m.group(1).isEmpty(), !m.group(4).isEmpty(),
                attr(HREF, attrs), attr(CLASS, attrs));
    }

    private static String attr(Pattern p, String attrs) {
        if (attrs == null || attrs.indexOf('=') < 0) {
            return null;
        }
        Matcher a = p.matcher(attrs);
        if (!a.find()) {
            return null;
        }
        return a.group(1) != null ? a.group(1) : a.group(2) != null ? a.group(2) : a.group(3);
    }

    boolean isBlock() {
        return BLOCK.contains(name);
    }

    boolean isDropped() {
        return DROPPED.contains(name);
    }
}
