package io.ddikit.report;

import io.ddikit.report.ReportModel.Implementation;
import io.ddikit.report.ReportModel.MatrixRow;
import io.ddikit.report.ReportModel.Svg;
import io.ddikit.report.ReportModel.SvgCell;
import io.ddikit.report.ReportModel.SvgText;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays out the summary picture: a row per implementation, a square per clause in page order, coloured
 * by verdict, each a link to its evidence. Only coordinates are computed here; the template writes the
 * SVG, escaping every text.
 */
final class SvgSummary {
    static final int SQUARE = 20;
    static final int GAP = 4;
    static final int LABEL_WIDTH = 220;
    static final int ROW = SQUARE + 8;
    static final int LABEL_CHARS = 28;

    private SvgSummary() {
    }

    static Svg layout(List<Implementation> impls, List<MatrixRow> rows) {
        List<SvgText> labels = new ArrayList<>();
        List<SvgCell> cells = new ArrayList<>();
        for (int i = 0; i < impls.size(); i++) {
            Implementation impl = impls.get(i);
            int y = 6 + i * ROW;
            labels.add(new SvgText(0, y + SQUARE - 3, shorten(impl.name()), impl.file()));
            for (int c = 0; c < rows.size(); c++) {
                MatrixRow row = rows.get(c);
                var cell = row.cells().get(i);
                int x = LABEL_WIDTH + c * (SQUARE + GAP);
                cells.add(new SvgCell(x, y, SQUARE, "sq " + cell.verdict().css(), cell.href(),
                        row.id() + ": " + cell.verdict().label() + " (" + impl.name() + ")"));
            }
        }
        int width = LABEL_WIDTH + Math.max(1, rows.size()) * (SQUARE + GAP) + 8;
        int height = 12 + Math.max(1, impls.size()) * ROW;
        String description = impls.size() + " implementation(s) by " + rows.size()
                + " clause(s); each square is one clause's verdict for one implementation.";
        return new Svg(width, height, description, labels, cells);
    }

    private static String shorten(String name) {
        return name.length() <= LABEL_CHARS ? name : name.substring(0, LABEL_CHARS - 1) + "…";
    }
}
