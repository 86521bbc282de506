package io.ddikit.doc;

import java.util.List;

/**
 * One block of a section's prose, in page order, so that a report can show the page itself with
 * each clause's sentence marked.
 *
 * @param type    {@code paragraph}, {@code list-item}, {@code note}, {@code code}, {@code table-row}, {@code table-head}
 *                (a header row: no clauses), {@code heading}
 * @param text    the block's plain text (for code, the code as written)
 * @param clauses the clauses found in this block, in order; their texts together make up {@code text} for prose
 * @param lines   where the block is in the file
 */
public record Block(String type, String text, List<ClauseId> clauses, LineRange lines) {
    public Block {
        clauses = List.copyOf(clauses);
    }
}
