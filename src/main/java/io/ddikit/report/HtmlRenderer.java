package io.ddikit.report;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Formats the view model as HTML with the Thymeleaf templates in {@code io/ddikit/report/}: {@code index.html},
 * {@code implementation.html} and the shared {@code fragments.html}. Every text is escaped by the engine;
 * the only unescaped value is a page's summary, which {@link SafeHtml} has sanitized. Each result is checked
 * by {@link SafeHtml#check} before it is returned or put in place.
 *
 * <p>The run's pages are written straight into their file and checked by reading the file back as a stream, so
 * that a page with a hundred thousand clauses is never held whole in memory, as text or as a document tree.
 * Text that UTF-8 cannot encode (a lone surrogate in a vendor's message) is written as {@code ?}.
 */
class HtmlRenderer {
    static final String TEMPLATES = "io/ddikit/report/";

    private final TemplateEngine engine;

    HtmlRenderer() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(HtmlRenderer.class.getClassLoader());
        resolver.setPrefix(TEMPLATES);
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        RecordAccessor.register();
    }

    /** Writes the run's front page into {@code file}, then checks it. */
    void index(ReportModel.Index index, Path file) throws IOException {
        render("index", Map.of("run", index), file);
    }

    /** Writes one implementation's page into {@code file}, then checks it. */
    void implementation(ReportModel.Implementation impl, ReportModel.Index run, Path file) throws IOException {
        render("implementation", Map.of("impl", impl, "run", run), file);
    }

    /** Writes the page of a diff between two runs into {@code file}, then checks it. */
    void diff(ReportModel.DiffView diff, String kitVersion, Path file) throws IOException {
        render("diff", Map.of("diff", diff, "kitVersion", kitVersion), file);
    }

    String selftest(Map<String, Object> vars) {
        String html = engine.process("selftest", context(vars));
        SafeHtml.check("selftest", html);
        return html;
    }

    private void render(String template, Map<String, Object> vars, Path file) throws IOException {
        try (Writer out = new OutputStreamWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
                StandardCharsets.UTF_8)) {
            engine.process(template, context(vars), out);
        }
        try (Reader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            SafeHtml.check(template, in);
        }
    }

    private static Context context(Map<String, Object> vars) {
        Context ctx = new Context(Locale.ROOT);
        ctx.setVariables(vars);
        return ctx;
    }
}
