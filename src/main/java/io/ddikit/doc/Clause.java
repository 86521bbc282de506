package io.ddikit.doc;

import java.util.List;

/**
 * One sentence of a page that a verdict can be given on.
 *
 * @param id          stable identity, see {@link ClauseId}
 * @param section     the section key it was found in: {@code description}, {@code remarks}, {@code requirements}, …
 * @param kind        what the sentence asks for
 * @param text        plain text: markup removed, names kept, whitespace normalised
 * @param fingerprint hash of {@code text}; a feature written against another fingerprint is outdated
 * @param lines       first and last line of the sentence in the page's file
 * @param references  API names the sentence names or links to, in order of first appearance
 */
public record Clause(ClauseId id, String section, ClauseKind kind, String text, String fingerprint,
                     LineRange lines, List<String> references) {
    public Clause {
        references = List.copyOf(references);
    }

    public boolean normative() {
        return kind.normative();
    }
}
