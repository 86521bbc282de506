package io.ddikit.report;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.util.Locale;
import java.util.Map;

/**
 * Formats the view model as HTML with the Thymeleaf templates in {@code io/ddikit/report/}: {@code index.html},
 * {@code implementation.html} and the shared {@code fragments.html}. Every text is escaped by the engine;
 * the only unescaped value is a page's summary, which {@link SafeHtml} has sanitized. Each result is checked
 * by {@link SafeHtml#check} before it is returned.
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
    }

    String index(ReportModel.Index index) {
        return render("index", Map.of("run", index));
    }

    String implementation(ReportModel.Implementation impl, ReportModel.Index run) {
        return render("implementation", Map.of("impl", impl, "run", run));
    }

    String selftest(Map<String, Object> vars) {
        return render("selftest", vars);
    }

    private String render(String template, Map<String, Object> vars) {
        Context ctx = new Context(Locale.ROOT);
        ctx.setVariables(vars);
        String html = engine.process(template, ctx);
        SafeHtml.check(template, html);
        return html;
    }
}
