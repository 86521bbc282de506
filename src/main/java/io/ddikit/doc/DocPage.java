package io.ddikit.doc;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One reference page, read.
 *
 * @param file         the path as given by the user (forward slashes)
 * @param uid          front matter {@code UID}, e.g. {@code NF:ndis.NdisReleaseSpinLock}
 * @param api          the API the page documents, e.g. {@code NdisReleaseSpinLock}
 * @param title        the title heading as written
 * @param fingerprint  hash of the normalised text of every clause, in order: changes when any clause changes
 * @param metadata     front matter: {@code String} or {@code List<String>} values, in file order; empty values left out
 * @param sections     the page's sections in order
 * @param syntax       the parsed prototype, when the Syntax section has one
 * @param parameters   parameters, merged from the prototype and the Parameters section
 * @param requirements the Requirements table, or the {@code req.*} keys when the page has no table, key to value
 * @param seeAlso      links of the See Also section
 * @param clauses      every clause, in page order
 * @param warnings     things a kit author should know that do not stop the page from being read
 */
public record DocPage(String file, String uid, String api, String title, String fingerprint,
                      Map<String, Object> metadata, List<Section> sections, Optional<Prototype> syntax,
                      List<Parameter> parameters, Map<String, String> requirements, List<Link> seeAlso,
                      List<Clause> clauses, List<Diagnostic> warnings) {
    public DocPage {
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        sections = List.copyOf(sections);
        parameters = List.copyOf(parameters);
        requirements = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requirements));
        seeAlso = List.copyOf(seeAlso);
        clauses = List.copyOf(clauses);
        warnings = List.copyOf(warnings);
    }

    public Optional<Clause> clause(ClauseId id) {
        return clauses.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<Section> section(String key) {
        return sections.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** Each page's file and fingerprint, in file order: what a run records so that runs over other pages are told apart. */
    public static java.util.Map<String, String> fingerprints(List<DocPage> pages) {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        pages.forEach(p -> m.put(p.file(), p.fingerprint()));
        return m;
    }
}
