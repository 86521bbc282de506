package io.ddikit.report;

import io.ddikit.doc.Block;
import io.ddikit.doc.Clause;
import io.ddikit.doc.ClauseId;
import io.ddikit.doc.ClauseKind;
import io.ddikit.doc.DocPage;
import io.ddikit.doc.LineRange;
import io.ddikit.doc.Link;
import io.ddikit.doc.Parameter;
import io.ddikit.doc.Prototype;
import io.ddikit.doc.Section;
import io.ddikit.grade.ClauseVerdict;
import io.ddikit.grade.Conformance;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.result.ImplementationInfo;
import io.ddikit.result.RunInfo;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-made pages and verdicts: a small page, a conforming, a failing and a hostile implementation. */
final class ReportFixtures {
    static final String API = "NdisReleaseSpinLock";
    static final String DESC = API + ".description.releases-a-spin-lock";
    static final String MUST_ACQUIRE = API + ".remarks.driver-must-call-acquire";
    static final String RECIPROCAL = API + ".remarks.each-call-requires-reciprocal";
    static final String RESTORES = API + ".remarks.restores-original-irql";
    static final String MORE_INFO = API + ".remarks.for-more-information";
    static final String IRQL = API + ".requirements.irql";

    static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>";
    static final String HOSTILE_VERSION = "<script>alert(2)</script>";
    static final String HOSTILE_MESSAGE = "expected the lock to be free <script>alert(1)</script>";
    static final String HOSTILE_PAGE_TEXT = "<b onmouseover=\"x()\">";

    private ReportFixtures() {
    }

    static Clause clause(String id, String section, ClauseKind kind, String text, int line) {
        return new Clause(new ClauseId(id), section, kind, text, "fp-" + Math.abs(text.hashCode()), LineRange.of(line), List.of());
    }

    static DocPage page() {
        Clause desc = clause(DESC, "description", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                "The NdisReleaseSpinLock function releases a spin lock that was acquired in a preceding call to the NdisAcquireSpinLock function.", 40);
        Clause acquire = clause(MUST_ACQUIRE, "remarks", ClauseKind.CALLER_OBLIGATION,
                "A driver must call NdisAcquireSpinLock to acquire the spin lock before it can call NdisReleaseSpinLock.", 70);
        Clause reciprocal = clause(RECIPROCAL, "remarks", ClauseKind.CALLER_OBLIGATION,
                "Each call to NdisAcquireSpinLock requires a reciprocal call to NdisReleaseSpinLock before the driver can call NdisAcquireSpinLock again.", 72);
        Clause restores = clause(RESTORES, "remarks", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                "NdisReleaseSpinLock restores the original IRQL at which its caller was running before the call to NdisAcquireSpinLock.", 77);
        Clause more = clause(MORE_INFO, "remarks", ClauseKind.INFORMATIVE,
                "For more information, see " + HOSTILE_PAGE_TEXT + "Synchronization and Notification in Network Drivers.", 85);
        Clause irql = clause(IRQL, "requirements", ClauseKind.CALLER_OBLIGATION, "IRQL: DISPATCH_LEVEL", 100);

        List<Section> sections = List.of(
                new Section("description", "NdisReleaseSpinLock function", new LineRange(38, 42), List.of(
                        new Block("paragraph", desc.text(), List.of(desc.id()), new LineRange(39, 41)))),
                new Section("syntax", "Syntax", new LineRange(43, 50), List.of(
                        new Block("code", "VOID NdisReleaseSpinLock(\n  [in] PNDIS_SPIN_LOCK SpinLock\n);", List.of(), new LineRange(45, 49)))),
                new Section("parameters", "Parameters", new LineRange(51, 56), List.of(
                        new Block("paragraph", "Pointer to the acquired spin lock to be released.", List.of(), LineRange.of(55)))),
                new Section("remarks", "Remarks", new LineRange(60, 95), List.of(
                        // two clauses in one paragraph, spread over lines: white space differs from the clause texts
                        new Block("paragraph", "A driver must call NdisAcquireSpinLock to acquire the\n    spin lock before it can call NdisReleaseSpinLock. "
                                + reciprocal.text(), List.of(acquire.id(), reciprocal.id()), new LineRange(70, 75)),
                        new Block("paragraph", restores.text(), List.of(restores.id()), new LineRange(77, 78)),
                        new Block("note", "Callers at PASSIVE_LEVEL are raised to DISPATCH_LEVEL while they hold the lock.", List.of(), LineRange.of(80)),
                        new Block("list-item", "Acquire with NdisAcquireSpinLock.", List.of(), LineRange.of(81)),
                        new Block("list-item", "Release with NdisReleaseSpinLock.", List.of(), LineRange.of(82)),
                        new Block("code", "NdisAcquireSpinLock(&lock);\n/* touch shared state */\nNdisReleaseSpinLock(&lock);", List.of(), new LineRange(83, 84)),
                        new Block("paragraph", more.text(), List.of(more.id()), new LineRange(85, 86)))),
                new Section("requirements", "Requirements", new LineRange(97, 104), List.of(
                        new Block("table-row", "IRQL DISPATCH_LEVEL", List.of(), LineRange.of(100)))),
                new Section("see-also", "See Also", new LineRange(105, 112), List.of()));

        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("UID", "NF:ndis.NdisReleaseSpinLock");
        metadata.put("description", "The <b>NdisReleaseSpinLock</b> function releases a spin lock.<script>alert(3)</script>"
                + "<a href=\"javascript:alert(4)\">x</a>");
        metadata.put("req.ddi-compliance", List.of("Irql_Synch_Function", "SpinLock", "SpinLockBalanced", "SpinLockDpr",
                "SpinLockDprRelease", "SpinlockRelease"));
        metadata.put("req.irql", "DISPATCH_LEVEL");

        Map<String, String> requirements = new LinkedHashMap<>();
        requirements.put("Target Platform", "Universal");
        requirements.put("Header", "ndis.h (include Ndis.h)");
        requirements.put("IRQL", "DISPATCH_LEVEL");
        requirements.put("DDI compliance rules", "Irql_Synch_Function, SpinLock, SpinLockBalanced, SpinLockDpr, SpinLockDprRelease, SpinlockRelease");

        Parameter spinLock = new Parameter("SpinLock", "PNDIS_SPIN_LOCK", List.of("in"), "Pointer to the acquired spin lock to be released.");
        return new DocPage("docs-source/ndis/nf-ndis-ndisreleasespinlock.md", "NF:ndis.NdisReleaseSpinLock", API,
                "NdisReleaseSpinLock function", "page-fp-1", metadata, sections,
                Optional.of(new Prototype("VOID", API, List.of(spinLock), "VOID NdisReleaseSpinLock(\n  [in] PNDIS_SPIN_LOCK SpinLock\n);")),
                List.of(spinLock), requirements,
                List.of(new Link("NdisAcquireSpinLock", "../ndis/nf-ndis-ndisacquirespinlock.md"),
                        new Link("Synchronization and Notification in Network Drivers",
                                "https://docs.microsoft.com/en-us/windows-hardware/drivers/network/synchronization-and-notification-in-network-drivers"),
                        new Link("Click me", "javascript:alert(5)")),
                List.of(desc, acquire, reciprocal, restores, more, irql), List.of());
    }

    static RunInfo run(boolean complete) {
        Instant start = Instant.parse("2025-01-02T03:04:05Z");
        return new RunInfo("0.1.0-test", 4, 42L, "OpenJDK 64-Bit Server VM 17", "Linux 6.1 amd64", 2, start,
                complete ? start.plusSeconds(12) : null, java.util.Map.of("ndis/nf-ndis-ndisreleasespinlock.md", "f00d"), null);
    }

    static ScenarioResult scenario(String impl, String clause, Verdict v, String name, int line, String message) {
        boolean bad = v == Verdict.FAILED || v == Verdict.ERROR;
        return new ScenarioResult(impl, "features/ndis/release.feature", line, name, List.of(clause), v,
                v == Verdict.ERROR ? ScenarioResult.IMPLEMENTATION : "", 12 + line, bad ? "Then the lock is free" : "",
                bad ? line + 3 : 0, message, bad ? "cpu0: raise PASSIVE->DISPATCH\ncpu0: acquire lock\ncpu1: probe <busy>" : "");
    }

    /** An implementation whose clause verdicts are given by {@code verdicts}, in page order. */
    static ImplementationVerdict implementation(DocPage page, String name, String version, List<String> caps,
                                                Map<String, Verdict> verdicts, Map<String, String> messages,
                                                Conformance conformance, boolean complete) {
        List<ClauseVerdict> cvs = new ArrayList<>();
        List<ScenarioResult> all = new ArrayList<>();
        int line = 10;
        for (Clause c : page.clauses()) {
            Verdict v = verdicts.getOrDefault(c.id().value(), Verdict.PASSED);
            String msg = messages.getOrDefault(c.id().value(), v == Verdict.NOT_APPLICABLE
                    ? "needs capability irql-restore, which " + name + " does not declare" : "");
            List<ScenarioResult> rs = new ArrayList<>();
            if (v != Verdict.UNTESTED) {
                rs.add(scenario(name, c.id().value(), v, "checks " + c.id().value().substring(API.length() + 1), line, msg));
                line += 8;
            }
            all.addAll(rs);
            String reason = switch (v) {
                case PASSED -> rs.size() + " of " + rs.size() + " scenarios passed";
                case UNTESTED -> "no scenario checks this sentence";
                case OUTDATED -> "the page's text changed since the feature was written";
                default -> msg;
            };
            cvs.add(new ClauseVerdict(c, v, reason, rs));
        }
        return new ImplementationVerdict(new ImplementationInfo("ndis-spin-lock", name, version, caps), run(complete), cvs, all, conformance);
    }

    static ImplementationVerdict conforming(DocPage page) {
        return implementation(page, "reference", "1.0.0", List.of("irql-restore", "dpr-variants"),
                Map.of(MORE_INFO, Verdict.UNTESTED), Map.of(), Conformance.CONFORMS, true);
    }

    static ImplementationVerdict failing(DocPage page) {
        return implementation(page, "Acme NDIS 2.0", "2.0-beta", List.of("dpr-variants"),
                Map.of(MUST_ACQUIRE, Verdict.FAILED, RECIPROCAL, Verdict.ERROR, RESTORES, Verdict.NOT_APPLICABLE,
                        IRQL, Verdict.UNTESTED, MORE_INFO, Verdict.OUTDATED),
                Map.of(MUST_ACQUIRE, "releasing a lock that was never acquired was not reported (rule SpinlockRelease)",
                        RECIPROCAL, "the implementation threw java.lang.IllegalStateException: double acquire"),
                Conformance.DOES_NOT_CONFORM, true);
    }

    static ImplementationVerdict hostile(DocPage page, boolean complete) {
        return implementation(page, HOSTILE_NAME, HOSTILE_VERSION, List.of("\"onload=alert(6)"),
                Map.of(MUST_ACQUIRE, Verdict.FAILED),
                Map.of(MUST_ACQUIRE, HOSTILE_MESSAGE), Conformance.DOES_NOT_CONFORM, complete);
    }

    static ReportInput input() {
        DocPage page = page();
        return ReportInput.of(List.of(page), List.of(conforming(page), failing(page), hostile(page, true)), "0.1.0-test");
    }
}
