package io.ddikit.doc;

import java.util.List;

/**
 * A section of the page under one of the reference's headings, whatever generation of the format
 * wrote it ({@code ## Remarks} and {@code ## -remarks} are both {@code remarks}).
 *
 * @param key    {@code description}, {@code syntax}, {@code parameters}, {@code returns}, {@code remarks},
 *               {@code requirements}, {@code see-also}, or the heading slug for others
 * @param title  the heading as written, without markers
 * @param lines  from the heading (or first line, for the description) to the section's last line
 * @param blocks its prose, in order
 */
public record Section(String key, String title, LineRange lines, List<Block> blocks) {
    public Section {
        blocks = List.copyOf(blocks);
    }
}
