/**
 * Reports: pages and graded verdicts in, a static report out ({@code index.html}, a page per
 * implementation, {@code conformance.json}, {@code junit.xml}). Rendering never computes verdicts: it
 * only reads {@link io.ddikit.grade.ClauseVerdict} and {@link io.ddikit.grade.ImplementationVerdict}.
 *
 * <p>Collecting, modelling and formatting are separate: {@code ReportModelBuilder} turns the records into
 * view objects, {@code HtmlRenderer} (Thymeleaf, auto-escaping) formats them, {@code ConformanceJson} and
 * {@code JUnitXmlWriter} write the machine-readable files, {@code AtomicFiles} puts every file in place
 * with a single move. {@link io.ddikit.report.ReportWriter} is the facade.
 */
package io.ddikit.report;
