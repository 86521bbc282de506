package io.ddikit.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The last check of every rendered page: nothing active, however deep, and a page of any size read as a stream. */
class SafeHtmlTest {

    @Test
    void an_active_element_an_event_handler_or_a_script_url_is_refused_wherever_it_is() {
        assertThatThrownBy(() -> SafeHtml.check("index", "<main><div><p>text<script>alert(1)</script></p></div></main>"))
                .isInstanceOf(IllegalStateException.class).hasMessage("index: rendered HTML holds an active element: script");
        assertThatThrownBy(() -> SafeHtml.check("index", "<table><tr><td><iframe src=x></iframe></td></tr></table>"))
                .hasMessage("index: rendered HTML holds an active element: iframe");
        assertThatThrownBy(() -> SafeHtml.check("page", "<svg><a href=\"#x\"><rect ONLOAD=\"x()\"></rect></a></svg>"))
                .hasMessage("page: rendered HTML holds an event handler: onload");
        assertThatThrownBy(() -> SafeHtml.check("page", "<p><a href=\" JavaScript:alert(1)\">x</a></p>"))
                .hasMessage("page: rendered HTML holds a script URL in href");
        assertThatThrownBy(() -> SafeHtml.check("page", "<p><a href=\"data:text/html,<b>x</b>\">x</a></p>"))
                .hasMessage("page: rendered HTML holds a script URL in href");
        assertThatThrownBy(() -> SafeHtml.check("page", "<object data=x></object>")).hasMessageEndingWith("active element: object");
        assertThatThrownBy(() -> SafeHtml.check("page", "<embed src=x>")).hasMessageEndingWith("active element: embed");
    }

    @Test
    void escaped_markup_and_ordinary_links_pass() {
        assertThatCode(() -> SafeHtml.check("page", "<p>&lt;script&gt;alert(1)&lt;/script&gt; <a href=\"#results-x\">x</a>"
                + " <a href=\"https://example.com/\">y</a> on its own</p>")).doesNotThrowAnyException();
    }

    @Test
    void a_page_of_a_million_elements_is_checked_as_a_stream() throws IOException {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body><main><table><tbody>");
        for (int i = 0; i < 500_000; i++) {
            html.append("<tr data-clause=\"c").append(i).append("\"><td><a href=\"#r").append(i).append("\">passed</a></td></tr>");
        }
        html.append("</tbody></table><p><a onclick=\"x()\">last</a></p></main></body></html>");
        assertThatThrownBy(() -> SafeHtml.check("index", new StringReader(html.toString())))
                .hasMessage("index: rendered HTML holds an event handler: onclick");
    }
}
