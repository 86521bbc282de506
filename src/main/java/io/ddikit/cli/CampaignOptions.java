package io.ddikit.cli;

import io.ddikit.campaign.Campaign;
import io.ddikit.campaign.ExpectationOutcome;
import io.ddikit.campaign.ExpectationsFile;
import io.ddikit.campaign.Repeats;
import io.ddikit.campaign.RunDiff;
import io.ddikit.grade.ImplementationVerdict;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The options of a campaign, shared by {@code run} and {@code report}: an expectations file, a baseline run to diff
 * against, and (for {@code run}) repeats with different seeds. Each is read before anything runs, so that a bad file
 * stops the command at once with one line naming it.
 */
final class CampaignOptions {

    @Option(names = "--expectations", paramLabel = "FILE",
            description = "An expectations file (YAML, see the README): verdicts expected per clause or scenario, each with a reason and an expiry date; unexpired ones are honoured by the exit code, the report marks each.")
    Path expectations;

    @Option(names = "--revision", paramLabel = "DIR",
            description = "Another revision of the pages (such as 2024's): the findings list each normative sentence whose meaning it changes or that it drops.")
    Path revision;

    @Option(names = "--baseline", paramLabel = "DIR",
            description = "A report folder (or bundle) of an earlier run: the report and console list what changed since.")
    Path baseline;

    /** What the options named, read and checked. */
    record Inputs(ExpectationsFile expectations, RunDiff.Snapshot baseline, String featureText, List<io.ddikit.doc.DocPage> revision,
                  String revisionLabel) {
        /** The campaign of a run that ended with {@code verdicts} (and, when repeated, {@code repeats}). */
        Campaign campaign(List<io.ddikit.doc.DocPage> pages, List<ImplementationVerdict> verdicts, Repeats repeats, String current) {
            ExpectationOutcome outcome = expectations == null ? null : ExpectationOutcome.of(expectations, verdicts, today());
            RunDiff diff = baseline == null ? null : RunDiff.between(baseline, RunDiff.Snapshot.of(current, verdicts));
            io.ddikit.campaign.Findings findings = pages == null ? null : io.ddikit.campaign.Findings.of(pages, verdicts, featureText);
            if (findings != null && revision != null) {
                findings = findings.and(io.ddikit.campaign.Findings.revisions(pages, revision, revisionLabel));
            }
            return new Campaign(outcome, diff, repeats, findings);
        }
    }

    /** The options read, with the text of the features under {@code features} (for the findings). */
    Inputs read(List<Path> features, io.ddikit.doc.read.PageReader.Limits limits, PrintWriter err) throws Project.InputError {
        StringBuilder text = new StringBuilder();
        for (Path root : features) {
            try (var s = java.nio.file.Files.walk(root)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".feature") && java.nio.file.Files.isRegularFile(p)).sorted().toList()) {
                    text.append(java.nio.file.Files.readString(f)).append('\n');
                }
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // an unreadable feature is reported by the trace check, with its file
            }
        }
        Inputs read = read();
        List<io.ddikit.doc.DocPage> revised = null;
        if (revision != null) {
            if (!java.nio.file.Files.isDirectory(revision)) {
                throw new Project.InputError("--revision " + revision + ": no such folder of pages");
            }
            revised = Project.pages(List.of(revision), limits, err).pages();
        }
        return new Inputs(read.expectations(), read.baseline(), text.toString(), revised, "the revision in " + revision);
    }

    Inputs read() throws Project.InputError {
        ExpectationsFile file = null;
        if (expectations != null) {
            try {
                file = ExpectationsFile.read(expectations);
            } catch (ExpectationsFile.InvalidException e) {
                throw new Project.InputError(e.getMessage());
            }
        }
        RunDiff.Snapshot before = null;
        if (baseline != null) {
            try {
                before = RunDiff.Snapshot.read(baseline);
            } catch (RunDiff.UnreadableException e) {
                throw new Project.InputError("--baseline " + e.getMessage());
            }
        }
        return new Inputs(file, before, "", null, "");
    }

    /** The day expiry dates are held against: today in UTC, so that every runner of a campaign agrees. */
    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** The campaign's lines after the verdicts: expectation problems and unused entries, the baseline diff, flaky scenarios. */
    static void print(PrintWriter out, Campaign c) {
        if (c.expectations() != null) {
            ExpectationOutcome o = c.expectations();
            StringBuilder sb = new StringBuilder();
            o.counts().forEach((m, n) -> {
                if (n > 0) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(n).append(' ').append(m.label());
                }
            });
            out.printf("%nexpectations (%s): %s%n", o.file().file(), sb.length() == 0 ? "no entry applied" : sb);
            for (ExpectationOutcome.Applied a : o.problems()) {
                out.printf("  %s: %s%s: %s%n", a.where(o.file()), a.implementation().isEmpty() ? "" : a.implementation() + " ",
                        a.target(), a.describe());
            }
            for (ExpectationsFile.Expectation e : o.unused()) {
                out.printf("  %s:%d: not applied: %s names %s, which this run did not run%n", o.file().file(), e.line(), e.subject(),
                        e.implementation());
            }
        }
        if (c.diff() != null) {
            out.println();
            out.print(c.diff().toText());
        }
        if (c.findings() != null && !c.findings().findings().isEmpty()) {
            out.printf("%nfindings about the documentation:%n");
            c.findings().findings().forEach(f -> out.printf("  %-15s %s %s: %s%n", f.kind(), f.page(), f.subject(), f.evidence()));
        }
        if (c.repeats() != null) {
            Map<String, List<Repeats.Spread>> flaky = c.repeats().flaky();
            out.printf("%nrepeats: %d runs with seeds %s; %s%n", c.repeats().seeds().size(), c.repeats().seeds(),
                    flaky.isEmpty() ? "no scenario's verdict differed between them" : "flaky scenarios:");
            flaky.forEach((impl, spreads) -> spreads.forEach(s -> out.printf("  flaky  %s %s (%s): %s%n", impl,
                    io.ddikit.result.Bounds.printable(s.name(), 200), s.location(), s.describe())));
        }
        out.flush();
    }
}
