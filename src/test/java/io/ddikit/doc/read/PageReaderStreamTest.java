package io.ddikit.doc.read;

import io.ddikit.doc.Diagnostic;
import io.ddikit.doc.DocPage;
import io.ddikit.doc.PageSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link PageReader#stream} with a {@link PageReader.RenderingSink}: output made on the reader threads, handed over in order. */
class PageReaderStreamTest {
    @TempDir
    Path tmp;

    /** A sink for folders of good pages: a problem or a skipped file fails the test. */
    private abstract static class PagesOnly implements PageReader.RenderingSink<String> {
        @Override
        public void problem(Diagnostic d) {
            throw new AssertionError("unexpected: " + d);
        }

        @Override
        public void skipped(PageSource.Skipped s) {
            throw new AssertionError("unexpected: " + s);
        }
    }

    private List<String> pages(int n) throws IOException {
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String uid = String.format("NF:ndis.NdisExample%03d", i);
            Files.writeString(tmp.resolve(String.format("p%03d.md", i)), "---\nUID: " + uid
                    + "\n---\n\n## -remarks\n\nA driver must call NdisExample" + i + " once.\n");
            uids.add(uid);
        }
        return uids;
    }

    @Test
    void output_is_made_on_the_reader_threads_and_handed_over_in_input_order() throws IOException {
        List<String> uids = pages(40);
        Set<String> renderedOn = ConcurrentHashMap.newKeySet();
        List<String> handedOver = new ArrayList<>();
        Thread caller = Thread.currentThread();
        PageReader.stream(List.of(tmp), PageReader.Limits.DEFAULT, 2, new PagesOnly() {
            @Override
            public String render(DocPage page) {
                renderedOn.add(Thread.currentThread().getName());
                return "rendered " + page.uid();
            }

            @Override
            public void page(DocPage page, String rendered) {
                assertThat(Thread.currentThread()).isSameAs(caller);
                assertThat(rendered).isEqualTo("rendered " + page.uid());
                handedOver.add(page.uid());
            }
        });
        assertThat(handedOver).isEqualTo(uids);
        assertThat(renderedOn).containsOnly("ddikit-page-reader");
    }

    @Test
    void a_page_whose_rendering_fails_fails_on_the_calling_thread_after_the_pages_before_it() throws IOException {
        pages(12);
        List<String> handedOver = new ArrayList<>();
        assertThatThrownBy(() -> PageReader.stream(List.of(tmp), PageReader.Limits.DEFAULT, 2, new PagesOnly() {
            @Override
            public String render(DocPage page) {
                if (page.uid().endsWith("007")) {
                    throw new IllegalStateException("cannot render " + page.uid() + " on " + Thread.currentThread().getName());
                }
                return page.uid();
            }

            @Override
            public void page(DocPage page, String rendered) {
                handedOver.add(rendered);
            }
        })).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot render NF:ndis.NdisExample007 on " + Thread.currentThread().getName());
        assertThat(handedOver).hasSize(7).last().isEqualTo("NF:ndis.NdisExample006");
    }
}
