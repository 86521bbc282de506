package io.ddikit.doc.read;

import io.ddikit.doc.Block;
import io.ddikit.doc.Clause;
import io.ddikit.doc.ClauseId;
import io.ddikit.doc.ClauseKind;
import io.ddikit.doc.Diagnostic;
import io.ddikit.doc.DocPage;
import io.ddikit.doc.LineRange;
import io.ddikit.doc.Link;
import io.ddikit.doc.Parameter;
import io.ddikit.doc.Prototype;
import io.ddikit.doc.Section;
import io.ddikit.doc.markdown.MarkdownOutlineParser;
import io.ddikit.doc.markdown.Outline;
import io.ddikit.doc.markdown.Prose;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds one {@link DocPage} from a page's text: front matter, outline, sections, clauses. */
final class PageAssembler {
    /** Sections whose sentences are clauses. */
    static final List<String> CLAUSE_SECTIONS = List.of("description", "remarks");

    /** Front-matter {@code req.*} keys and the Requirements names they stand for. */
    static final Map<String, String> REQUIREMENT_NAMES = Map.ofEntries(
            Map.entry("req.target-min-winverclnt", "Minimum supported client"),
            Map.entry("req.target-min-winversvr", "Minimum supported server"),
            Map.entry("req.target-type", "Target Platform"),
            Map.entry("req.kmdf-ver", "KMDF version"),
            Map.entry("req.umdf-ver", "UMDF version"),
            Map.entry("req.header", "Header"),
            Map.entry("req.include-header", "Include header"),
            Map.entry("req.lib", "Library"),
            Map.entry("req.dll", "DLL"),
            Map.entry("req.irql", "IRQL"),
            Map.entry("req.ddi-compliance", "DDI compliance rules"));

    /** An IRQL requirement's value that names a level: a level's name, a comparison, or "any level". */
    private static final Pattern IRQL_LEVEL = Pattern.compile(
            "(?i)\\b(passive|apc|dispatch|clock|ipi|high|profile|power|device|synch|hal)_level\\b|\\bdirql\\b|\\bany\\b|"
                    + "\\barbitrary\\b|[<>]=?|\\bbelow\\b|\\babove\\b|\\b[0-9]+\\b");
    private static final Pattern TAG_LIKE = Pattern.compile("</?([A-Za-z!][\\w:.-]*)[^<>]*>");
    /** A link's target, its closing parenthesis included; pages that forget it ("[label](/windows/foo") lose the rest of the word. */
    private static final String LINK_TARGET = "\\((?:/|https?://|\\.{1,2}/|#|[\\w.-]+\\.md\\b)[^()\\s\"]*\\)?";
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\[\\]]{1,500})]" + LINK_TARGET);
    private static final Pattern LINK_DEBRIS = Pattern.compile("]" + LINK_TARGET);
    /** A link's label and opening parenthesis before the same label, linked again inside ({@code [X]([X](x.md)}). */
    private static final Pattern RELINKED_LABEL = Pattern.compile("\\[([^\\[\\]]{1,500})]\\((?=\\1)");
    /** A code span the parser left as text (in an HTML block): its backticks go. */
    private static final Pattern CODE_SPAN_TEXT = Pattern.compile("`([^`\\s](?:[^`]{0,300}[^`\\s])?)`");
    /** A pair of "**" the parser left ("**NAME **", "**PREFIX_**XXX"): the first at a word's start. */
    private static final Pattern STRAY_STRONG_PAIR = Pattern.compile("(?<![^\\s\"\u201C])\\*\\*([^\\s*][^*]{0,200}?)(\\s?)\\*\\*");
    /**
     * One "**" left alone: before a word at its start, or after a word before a space, punctuation or "->"
     * ({@code **SrvOpen****->Fcb**}). Never between two
     * words or digits ("2**63-1"), between spaces ("2 ** 6") or after a bracket ("sizeof(**p)").
     */
    private static final Pattern STRAY_STRONG = Pattern.compile(
            "(?<![^\\s\"\u201C])\\*\\*(?=[A-Za-z_/])|(?<=[^\\s*(\\[])\\*\\*(?=[\\s.,;:!?\"\u201D)]|->|$)");
    /**
     * Three or more asterisks right after a word: adjacent bold or italic runs of a page converted from HTML
     * ({@code **NonPaged****XxxPoolType**}, {@code **Nt**Xxx****}), which the published page shows as "NonPagedXxxPoolType"
     * and "NtXxx". Never in prose: a power is two ({@code 2**63}), a pointer type stands apart ({@code MyStruct **}).
     */
    private static final Pattern ADJACENT_EMPHASIS_RUNS = Pattern.compile("(?<=[A-Za-z_])\\*{3,}");
    /** Italic inside bold ending together, glued to a word ({@code **Nt*Xxx***}, shown as "NtXxx"). */
    private static final Pattern NESTED_EMPHASIS_END = Pattern.compile("(?<=[A-Za-z_])\\*([A-Za-z_]\\w*)\\*{3}(?!\\*)");
    private static final Pattern PARAM_MARKER = Pattern.compile("^-param\\b");
    private static final Pattern DASH_MARKER = Pattern.compile("^-\\s*");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)]");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final Pattern SLUG_ENDS = Pattern.compile("^-|-$");
    private static final Pattern SPACES = Pattern.compile(" {2,}");
    private static final Pattern TITLE_WORDS = Pattern.compile("[\\s(]+");
    private static final Pattern LEADING_ANNOTATION = Pattern.compile("^\\[((?:in|out|optional|in,? ?out|[a-z_, ]+))]\\s*", Pattern.CASE_INSENSITIVE);

    private record Draft(String key, String title, int start, List<Outline.Item> items) {
    }

    private record Chunk(String type, String text, int[] offsets, List<Prose.Span> spans) {
        static Chunk of(String type, Prose p) {
            int[] offs = new int[p.text().length()];
            for (int i = 0; i < offs.length; i++) {
                offs[i] = p.offset(i);
            }
            return new Chunk(type, p.text(), offs, p.spans());
        }
    }

    private final String file;
    private final String content;
    private final LineIndex lines;
    private final List<Diagnostic> warnings = new ArrayList<>();
    private final Duration timeout;
    private int base;

    PageAssembler(String file, String content, Duration timeout) {
        this.file = file;
        this.content = content;
        this.lines = new LineIndex(content);
        this.timeout = timeout;
    }

    /** The page line of an offset in the Markdown body (after the front matter). */
    int lineOfBodyOffset(int offset) {
        return lines.line(base + offset);
    }

    DocPage assemble() throws PageFormatException {
        FrontMatter fm;
        try {
            fm = FrontMatterReader.read(content, lines);
        } catch (PageFormatException e) {
            if (e.line() == 1 && !content.startsWith("---") && NotReferencePages.isTableOfContents(content)) {
                throw new PageFormatException.NotAReferencePage(NotReferencePages.TABLE_OF_CONTENTS);
            }
            throw e;
        }
        String kind = NotReferencePages.kind(fm.metadata());
        if (kind != null) {
            throw new PageFormatException.NotAReferencePage(kind);
        }
        base = fm.bodyOffset();
        Outline outline = MarkdownOutlineParser.parse(content.substring(base), timeout);
        for (Outline.Notice n : outline.notices()) {
            warnings.add(Diagnostic.warning(file, lines.line(base + n.offset()), n.message()));
        }

        String uid = string(fm.metadata(), "UID");
        if (uid == null) {
            uid = string(fm.metadata(), "uid");
        }
        String title = null;
        List<Draft> drafts = new ArrayList<>();
        Draft current = null;
        for (Outline.Item item : outline.items()) {
            if (item instanceof Outline.Heading h && h.level() <= 2) {
                String text = h.prose().text();
                if (h.level() == 1 && title == null) {
                    title = text;
                    current = new Draft("description", text, base + h.start(), new ArrayList<>());
                } else {
                    String key = sectionKey(text);
                    if (key.equals("description") && current != null && current.key().equals("description")
                            && current.items().isEmpty()) {
                        drafts.remove(current);
                    }
                    current = new Draft(key, stripMarker(text), base + h.start(), new ArrayList<>());
                }
                drafts.add(current);
                continue;
            }
            if (current == null) {
                current = new Draft("description", "", base + item.start(), new ArrayList<>());
                drafts.add(current);
            }
            current.items().add(item);
        }
        if (title == null) {
            title = string(fm.metadata(), "title");
        }
        String api = apiOf(uid, title);

        ClauseIdScheme ids = new ClauseIdScheme(api);
        List<Section> sections = new ArrayList<>();
        List<Clause> clauses = new ArrayList<>();
        Optional<Prototype> syntax = Optional.empty();
        List<Parameter> sectionParams = new ArrayList<>();
        Map<String, String> requirements = new LinkedHashMap<>();
        Map<String, Integer> requirementLines = new LinkedHashMap<>();
        List<Link> seeAlso = new ArrayList<>();

        for (Draft d : drafts) {
            boolean clauseSection = CLAUSE_SECTIONS.contains(d.key());
            List<Block> blocks = new ArrayList<>();
            int last = d.start();
            for (Outline.Item item : d.items()) {
                last = Math.max(last, base + item.end() - 1);
                if (item instanceof Outline.Heading h) {
                    blocks.add(new Block("heading", h.prose().text(), List.of(), range(base + h.start(), base + h.end() - 1)));
                } else if (item instanceof Outline.CodeBlock c) {
                    blocks.add(new Block("code", c.code(), List.of(), range(base + c.start(), base + c.end() - 1)));
                    if (d.key().equals("syntax") && syntax.isEmpty()) {
                        syntax = PrototypeParser.parse(c.code());
                    }
                } else if (item instanceof Outline.TableRow r) {
                    List<String> cells = r.cells().stream().map(Prose::text).toList();
                    if (d.key().equals("requirements")) {
                        if (!r.header() && cells.size() >= 2 && !cells.get(0).isBlank()) {
                            String k = cells.get(0).replace("**", "").trim();
                            requirements.put(k, onceIfRepeated(cells.get(1)));
                            requirementLines.put(k, lines.line(base + r.start()));
                        }
                        blocks.add(new Block("table-row", String.join(": ", cells), List.of(), range(base + r.start(), base + r.end() - 1)));
                    } else if (clauseSection && !r.header()) {
                        Chunk row = joinCells(r, base);
                        blocks.add(proseBlock(row, d.key(), api, ids, clauses));
                    } else {
                        blocks.add(new Block(r.header() ? "table-head" : "table-row", String.join(": ", cells), List.of(),
                                range(base + r.start(), base + r.end() - 1)));
                    }
                } else if (item instanceof Outline.ProseBlock p) {
                    Chunk chunk = shifted(Chunk.of(p.type(), p.prose()), base);
                    if (clauseSection && isCodeLine(p)) {
                        // code written as a paragraph or a list item (`#define RTL_USE_AVL_TABLES 0`, Count = 100;): code
                        blocks.add(new Block("code", chunk.text(), List.of(), range(chunk.offsets()[0], chunk.offsets()[chunk.text().length() - 1])));
                    } else if (clauseSection) {
                        blocks.add(proseBlock(chunk, d.key(), api, ids, clauses));
                    } else {
                        blocks.add(new Block(p.type(), chunk.text(), List.of(), range(chunk.offsets()[0], chunk.offsets()[chunk.text().length() - 1])));
                    }
                    if (d.key().equals("see-also")) {
                        seeAlso.addAll(links(chunk));
                    }
                }
            }
            if (d.key().equals("parameters")) {
                sectionParams.addAll(parameterEntries(d.items()));
            }
            sections.add(new Section(d.key(), d.title(), range(d.start(), Math.max(d.start(), last)), blocks));
        }

        Map<String, Object> metadata = fm.metadata();
        if (requirements.isEmpty()) {
            for (Map.Entry<String, Object> e : metadata.entrySet()) {
                if (e.getKey().startsWith("req.")) {
                    String name = REQUIREMENT_NAMES.getOrDefault(e.getKey(), e.getKey().substring(4));
                    requirements.put(name, e.getValue() instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : String.valueOf(e.getValue()));
                }
            }
        }
        String irql = string(metadata, "req.irql");
        LineRange irqlLines = null;
        if (irql != null) {
            irqlLines = LineRange.of(fm.keyLines().getOrDefault("req.irql", 1));
        } else if (requirements.containsKey("IRQL") && !requirements.get("IRQL").isBlank()) {
            irql = requirements.get("IRQL");
            irqlLines = LineRange.of(requirementLines.getOrDefault("IRQL", 1));
        }
        if (irql != null) {
            String text = "IRQL: " + irql;
            // a value that names no level ("See Remarks", "_requires_same_") asks nothing by itself: the sentences it
            // points to do
            ClauseKind irqlKind = IRQL_LEVEL.matcher(irql).find() ? ClauseKind.CALLER_OBLIGATION : ClauseKind.INFORMATIVE;
            clauses.add(new Clause(ids.fixed("requirements", "irql"), "requirements", irqlKind, text,
                    Fingerprints.of(text), irqlLines, List.of()));
        }
        if (sections.stream().noneMatch(s -> s.key().equals("remarks"))) {
            warnings.add(Diagnostic.warning(file, 0, "no Remarks section"));
        }
        List<Parameter> parameters = mergeParameters(syntax, sectionParams);
        StringBuilder all = new StringBuilder();
        for (Clause c : clauses) {
            all.append(c.id()).append('\t').append(c.text()).append('\n');
        }
        return new DocPage(file, uid == null ? "" : uid, api, title == null ? "" : title, Fingerprints.of(all.toString()),
                metadata, sections, syntax, parameters, requirements, seeAlso, clauses, warnings);
    }

    private Block proseBlock(Chunk chunk, String section, String api, ClauseIdScheme ids, List<Clause> clauses) {
        List<ClauseId> blockClauses = new ArrayList<>();
        if (!chunk.type().equals("code") && !chunk.type().equals("heading") && !chunk.type().equals("table-head")) {
            SpanSweep sweep = new SpanSweep(chunk.spans());
            for (int[] s : SentenceSplitter.split(chunk.text())) {
                String text = clean(chunk.text().substring(s[0], s[1]));
                if (text.isEmpty() || !hasWord(text)) {
                    continue;
                }
                ClauseId id = ids.next(section, text);
                LineRange where = range(chunk.offsets()[s[0]], chunk.offsets()[s[1] - 1]);
                clauses.add(new Clause(id, section, ClauseKindRules.kindOf(text, api, chunk.type().equals("note")), text,
                        Fingerprints.of(text), where,
                        references(chunk, sweep.overlapping(s[0], s[1]), s[0], s[1])));
                blockClauses.add(id);
            }
        }
        String text = clean(chunk.text());
        return new Block(chunk.type(), text, blockClauses,
                range(chunk.offsets()[0], chunk.offsets()[chunk.text().length() - 1]));
    }

    /**
     * Whether a paragraph or list item is code written as prose: code spans making up all of it with the punctuation of
     * code ({@code `#define RTL_USE_AVL_TABLES 0`}), C preprocessor lines ({@code #define A B}), or one assignment
     * ending as a statement or an initializer does ({@code Count = 100;}, {@code SrcRect = {0, 0, 1024, 768}}), or one
     * call as a statement ({@code ReadField( myField );}).
     */
    private static boolean isCodeLine(Outline.ProseBlock p) {
        String t = p.prose().text().strip();
        if (p.prose().isAllCodeSpans()) {
            for (int i = 0; i < t.length(); i++) {
                if ("#;=({ ".indexOf(t.charAt(i)) >= 0) {
                    return true;
                }
            }
            return false;
        }
        return PREPROCESSOR_LINE.matcher(t).matches() || ASSIGNMENT_STATEMENT.matcher(t).matches()
                || CALL_STATEMENT.matcher(t).matches();
    }

    /** One or more C preprocessor directives and what follows each, and nothing that ends a sentence. */
    private static final Pattern PREPROCESSOR_LINE = Pattern.compile(
            "#(define|undef|include|pragma|ifdef|ifndef|if|elif|else|endif)\\b[^.!?]*");
    /** {@code name = value;} or {@code name = {…}}: an lvalue, one "=", and a statement's or an initializer's end. */
    private static final Pattern ASSIGNMENT_STATEMENT = Pattern.compile(
            "[A-Za-z_][\\w.\\[\\]>-]*\\s*=\\s*(?!=)[^=.!?]*?(;|\\{[^{}]*\\})(\\s*//.*)?");
    /** {@code Name( args );}: one call, as a statement, and nothing else (a C++ comment after it allowed). */
    private static final Pattern CALL_STATEMENT = Pattern.compile("[A-Za-z_][\\w.>-]*\\s*\\([^()]*\\)\\s*;(\\s*//.*)?");

    private static boolean hasWord(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetterOrDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a name in angle brackets is markup: an HTML element (jsoup's list), a namespaced tag ({@code mshelp:link})
     * or a declaration. Any other name is a placeholder the page shows as text ({@code \\<servername>\<share>}).
     */
    private static boolean isMarkup(String name) {
        return name.startsWith("!") || name.indexOf(':') >= 0 || org.jsoup.parser.Tag.isKnownTag(name.toLowerCase(Locale.ROOT));
    }

    /** Text with the markup that still looks like a tag (from decoded entities) removed; placeholders stay. */
    static String clean(String s) {
        if (s.indexOf("](") >= 0) {
            // Markdown link syntax the parser left as text: a link inside an HTML block ([label](target) becomes its
            // label), and a target left behind by a label that lost its opening bracket (label](target))
            s = MARKDOWN_LINK.matcher(s).replaceAll("$1");
            s = RELINKED_LABEL.matcher(s).replaceAll("");
            s = LINK_DEBRIS.matcher(s).replaceAll("");
        }
        if (s.indexOf('`') >= 0) {
            // a code span inside an HTML block is text to the parser (`sizeof(void*)`): its content stays; a backtick
            // left alone after that is debris of one (**[NAME](page.md)**` returns)
            s = CODE_SPAN_TEXT.matcher(s).replaceAll("$1");
            int lone = s.indexOf('`');
            if (lone >= 0 && s.indexOf('`', lone + 1) < 0) {
                s = (s.substring(0, lone) + s.substring(lone + 1)).replace("  ", " ");
            }
        }
        if (s.indexOf("**") >= 0) {
            // strong emphasis the parser did not pair ("See **NAME ** for"): its markers go, "2**63" stays
            s = NESTED_EMPHASIS_END.matcher(s).replaceAll("$1");
            s = ADJACENT_EMPHASIS_RUNS.matcher(s).replaceAll("");
            s = STRAY_STRONG_PAIR.matcher(s).replaceAll("$1$2");
            s = STRAY_STRONG.matcher(s).replaceAll("").replace("  ", " ");
        }
        if (s.indexOf('<') < 0) {
            return s;
        }
        // a removed tag leaves a space between words, and none before punctuation or beside a space; the text's own
        // spaces stay where they are (", : (colon)" keeps its space)
        String t = TAG_LIKE.matcher(s).replaceAll(m -> isMarkup(m.group(1)) ? "\u0000" : Matcher.quoteReplacement(m.group()));
        StringBuilder out = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '\u0000') {
                out.append(c);
                continue;
            }
            int j = i;
            while (j < t.length() && t.charAt(j) == '\u0000') {
                j++;
            }
            char next = j < t.length() ? t.charAt(j) : ' ';
            boolean spaceBefore = out.length() == 0 || Character.isWhitespace(out.charAt(out.length() - 1));
            if (!spaceBefore && !Character.isWhitespace(next) && ".,;:!?)".indexOf(next) < 0) {
                out.append(' ');
            }
            i = j - 1;
        }
        return SPACES.matcher(out).replaceAll(" ").strip();
    }

    /**
     * The spans of a block that overlap each of its sentences, sentences taken in order: one pass over the
     * spans for the whole block, so a long paragraph with many marked names costs linear time.
     */
    private static final class SpanSweep {
        private final List<Prose.Span> spans;
        private final List<Prose.Span> active = new ArrayList<>();
        private int next;

        SpanSweep(List<Prose.Span> spans) {
            List<Prose.Span> sorted = new ArrayList<>(spans);
            sorted.sort((a, b) -> Integer.compare(a.start(), b.start()));
            this.spans = sorted;
        }

        /** The spans overlapping {@code [start, end)}, by start; each call's range starts at or after the last one's. */
        List<Prose.Span> overlapping(int start, int end) {
            while (next < spans.size() && spans.get(next).start() < end) {
                active.add(spans.get(next++));
            }
            active.removeIf(sp -> sp.end() <= start);
            return active;
        }
    }

    private static List<String> references(Chunk chunk, List<Prose.Span> overlapping, int start, int end) {
        record Hit(int at, String name) {
        }
        List<Hit> hits = new ArrayList<>();
        for (Prose.Span sp : overlapping) {
            if (sp.end() <= start || sp.start() >= end) {
                continue;
            }
            String name = chunk.text().substring(Math.max(start, sp.start()), Math.min(end, sp.end())).strip();
            name = withoutTrailingPunctuation(name);
            boolean ok = sp.kind().equals("em") ? ApiNames.isBareName(name) : ApiNames.isMarkedName(name);
            if (ok) {
                hits.add(new Hit(sp.start(), name));
            }
        }
        // the words of the sentence: a letter or "_", then letters, digits and "_"
        String text = chunk.text();
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_')) {
                i++;
                continue;
            }
            int wordStart = i;
            while (i < end && ApiNames.isWordChar(text.charAt(i))) {
                i++;
            }
            if (i - wordStart <= 3 || !Character.isUpperCase(c)) {
                continue;
            }
            boolean wildcard = (wordStart > 0 && text.charAt(wordStart - 1) == '.')
                    || (i < text.length() && text.charAt(i) == '.' && i + 1 < text.length() && text.charAt(i + 1) == '.');
            String word = text.substring(wordStart, i);
            if (!wildcard && ApiNames.isBareName(word)) {
                hits.add(new Hit(wordStart, word));
            }
        }
        hits.sort((a, b) -> Integer.compare(a.at(), b.at()));
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (Hit h : hits) {
            names.add(h.name());
        }
        return List.copyOf(names);
    }


    /** {@code name} without the run of {@code . , ; : ( )} it ends with ("NdisFoo()," is "NdisFoo"). */
    static String withoutTrailingPunctuation(String name) {
        int end = name.length();
        while (end > 0 && ".,;:()".indexOf(name.charAt(end - 1)) >= 0) {
            end--;
        }
        return name.substring(0, end);
    }

    private static List<Link> links(Chunk chunk) {
        List<Link> out = new ArrayList<>();
        for (Prose.Span sp : chunk.spans()) {
            if (sp.kind().equals("link")) {
                String target = sp.target() == null ? "" : sp.target().replace('\\', '/');
                if (target.startsWith("mailto:")) {
                    continue;
                }
                out.add(new Link(chunk.text().substring(sp.start(), sp.end()).strip(), target));
            }
        }
        return out;
    }

    private static List<Parameter> parameterEntries(List<Outline.Item> items) {
        List<Parameter> out = new ArrayList<>();
        String name = null;
        List<String> annotations = new ArrayList<>();
        StringBuilder description = new StringBuilder();
        for (Outline.Item item : items) {
            String startName = null;
            List<String> startAnnotations = List.of();
            if (item instanceof Outline.Heading h) {
                String t = PARAM_MARKER.matcher(h.prose().text()).replaceFirst("");
                t = DASH_MARKER.matcher(t).replaceFirst("").strip();
                List<String> ann = new ArrayList<>();
                Matcher b = BRACKETED.matcher(t);
                while (b.find()) {
                    ann.addAll(PrototypeParser.splitAnnotations(b.group(1)));
                }
                t = BRACKETED.matcher(t).replaceAll(" ").strip();
                startName = t.isEmpty() ? "" : t.split(" ")[0];
                startAnnotations = ann;
            } else if (item instanceof Outline.ProseBlock p && p.prose().isSingleCodeSpan() && !p.prose().text().contains(" ")) {
                startName = p.prose().text();
            }
            if (startName != null) {
                if (name != null) {
                    out.add(entry(name, annotations, description));
                }
                name = startName;
                annotations = new ArrayList<>(startAnnotations);
                description = new StringBuilder();
            } else if (item instanceof Outline.ProseBlock p && name != null) {
                if (description.length() > 0) {
                    description.append(' ');
                }
                description.append(clean(p.prose().text()));
            }
        }
        if (name != null) {
            out.add(entry(name, annotations, description));
        }
        return out;
    }

    private static Parameter entry(String name, List<String> annotations, StringBuilder description) {
        String d = description.toString().strip();
        List<String> ann = new ArrayList<>(annotations);
        Matcher m = LEADING_ANNOTATION.matcher(d);
        if (m.lookingAt()) {
            if (ann.isEmpty()) {
                ann.addAll(PrototypeParser.splitAnnotations(m.group(1)));
            }
            d = d.substring(m.end());
        }
        return new Parameter(name, "", ann, d);
    }

    private static String normalName(String n) {
        int k = 0;
        while (k < n.length() && n.charAt(k) == '_') {
            k++;
        }
        return n.substring(k).toLowerCase(Locale.ROOT);
    }

    private static List<Parameter> mergeParameters(Optional<Prototype> syntax, List<Parameter> fromSection) {
        Map<String, Parameter> merged = new LinkedHashMap<>();
        if (syntax.isPresent()) {
            for (Parameter p : syntax.get().parameters()) {
                merged.put(normalName(p.name()), p);
            }
        }
        for (Parameter s : fromSection) {
            String key = normalName(s.name());
            Parameter p = merged.get(key);
            if (p == null) {
                merged.put(key, s);
                continue;
            }
            String description = s.description().isEmpty() || s.description().equalsIgnoreCase("TBD") ? p.description() : s.description();
            List<String> annotations = p.annotations().isEmpty() ? s.annotations() : p.annotations();
            String type = p.type().isEmpty() ? s.type() : p.type();
            merged.put(key, new Parameter(p.name(), type, annotations, description));
        }
        return new ArrayList<>(merged.values());
    }

    private Chunk joinCells(Outline.TableRow r, int base) {
        StringBuilder text = new StringBuilder();
        List<Integer> offs = new ArrayList<>();
        List<Prose.Span> spans = new ArrayList<>();
        for (Prose cell : r.cells()) {
            if (cell.isEmpty()) {
                continue;
            }
            if (text.length() > 0) {
                int at = offs.get(offs.size() - 1);
                text.append(": ");
                offs.add(at);
                offs.add(at);
            }
            int shift = text.length();
            for (int i = 0; i < cell.text().length(); i++) {
                text.append(cell.text().charAt(i));
                offs.add(base + cell.offset(i));
            }
            for (Prose.Span sp : cell.spans()) {
                spans.add(new Prose.Span(sp.start() + shift, sp.end() + shift, sp.kind(), sp.target()));
            }
        }
        if (text.length() == 0) {
            text.append(' ');
            offs.add(base + r.start());
        }
        return new Chunk("table-row", text.toString(), offs.stream().mapToInt(Integer::intValue).toArray(), spans);
    }

    private static Chunk shifted(Chunk c, int base) {
        int[] offs = c.offsets().clone();
        for (int i = 0; i < offs.length; i++) {
            offs[i] += base;
        }
        return new Chunk(c.type(), c.text(), offs, c.spans());
    }

    private LineRange range(int from, int to) {
        int a = lines.line(from);
        int b = lines.line(Math.max(from, to));
        return new LineRange(a, Math.max(a, b));
    }

    /** A cell that says the same thing twice (the Windows version cell) is reported once. */
    static String onceIfRepeated(String value) {
        String v = value.strip();
        int n = v.length();
        for (int k = Math.max(1, n / 2 - 1); k <= Math.min(n - 1, n / 2 + 1); k++) {
            String a = v.substring(0, k).strip();
            String b = v.substring(k).strip();
            if (!a.isEmpty() && a.equals(b)) {
                return a;
            }
        }
        return v;
    }

    static String sectionKey(String heading) {
        String h = stripMarker(heading).toLowerCase(Locale.ROOT).strip();
        return switch (h) {
            case "description" -> "description";
            case "syntax" -> "syntax";
            case "parameters", "parameter" -> "parameters";
            case "return value", "returns", "return values", "return" -> "returns";
            case "remarks", "remark" -> "remarks";
            case "requirements" -> "requirements";
            case "see also", "see-also" -> "see-also";
            default -> {
                String slug = SLUG_ENDS.matcher(NOT_SLUG.matcher(h).replaceAll("-")).replaceAll("");
                yield slug.isEmpty() ? "section" : slug;
            }
        };
    }

    private static String stripMarker(String heading) {
        return DASH_MARKER.matcher(heading.strip()).replaceFirst("");
    }

    static String apiOf(String uid, String title) {
        if (uid != null && !uid.isBlank()) {
            String u = uid.strip();
            int dot = u.lastIndexOf('.');
            int colon = u.lastIndexOf(':');
            String name = u.substring(Math.max(dot, colon) + 1);
            int tilde = name.indexOf('~');
            if (tilde > 0) {
                name = name.substring(0, tilde);
            }
            if (!name.isBlank()) {
                return name;
            }
        }
        if (title != null && !title.isBlank()) {
            return TITLE_WORDS.split(title.strip())[0];
        }
        return "page";
    }

    private static String string(Map<String, Object> metadata, String key) {
        Object v = metadata.get(key);
        if (v == null) {
            return null;
        }
        return v instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : v.toString();
    }
}
