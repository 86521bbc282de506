package io.ddikit.report;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report as a reader sees it: opened from {@code file://} in headless Chromium (Debian's chromium and
 * chromedriver, never a downloaded one), followed from a matrix cell to the evidence and back to the sentence.
 */
class ReportInBrowserTest {
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path REPORT = Path.of("target", "browser-report");
    static final Path SCREENSHOT = Path.of("target", "report-screenshot.png");

    static ChromeDriver driver;
    static Path profile;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "skipped: /usr/bin/chromedriver or /usr/bin/chromium is missing (apt-get install chromium chromium-driver; .ci/run does)");
        deleteTree(REPORT);
        Files.createDirectories(REPORT.resolve("ndis-spin-lock/reference/cucumber"));
        Files.writeString(REPORT.resolve("ndis-spin-lock/reference/cucumber/index.html"), "<!DOCTYPE html><title>Cucumber</title><p>Cucumber report");
        new ReportWriter().write(REPORT, ReportFixtures.input());

        profile = Files.createTempDirectory("ddikit-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1600", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // The driver's path is given, so Selenium Manager is never asked to find or download one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    private static String url(String file) {
        return REPORT.resolve(file).toAbsolutePath().normalize().toUri().toString();
    }

    private static String fragment() {
        return URI.create(driver.getCurrentUrl()).getFragment();
    }

    private static boolean inViewport(WebElement e) {
        return (Boolean) ((JavascriptExecutor) driver).executeScript(
                "const r = arguments[0].getBoundingClientRect();"
                        + "return r.bottom > 0 && r.top < window.innerHeight && r.width > 0 && r.height > 0;", e);
    }

    @Test
    void a_reader_goes_from_a_matrix_cell_to_the_evidence_and_back_to_the_sentence() throws IOException {
        driver.get(url("index.html"));
        assertThat(driver.getTitle()).isEqualTo("ddikit conformance report");
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
                StandardCopyOption.REPLACE_EXISTING);

        driver.get(url(ReportModelBuilder.implementationFile("ndis-spin-lock", "Acme NDIS 2.0")));
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                Path.of("target", "report-page-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
        driver.get(url("index.html"));

        String id = ReportFixtures.MUST_ACQUIRE;
        WebElement row = driver.findElements(By.cssSelector("table.matrix tbody tr")).stream()
                .filter(r -> id.equals(r.getAttribute("data-clause"))).findFirst().orElseThrow();
        WebElement cell = row.findElements(By.cssSelector("td.cell a")).get(1);
        assertThat(cell.getText()).isEqualTo("failed");
        cell.click();

        assertThat(driver.getCurrentUrl()).contains(ReportWriter.slug("Acme NDIS 2.0") + ".html");
        assertThat(fragment()).isEqualTo("results-" + id);
        WebElement results = driver.findElement(By.id("results-" + id));
        assertThat(results.isDisplayed()).isTrue();
        assertThat(inViewport(results)).isTrue();
        assertThat(results.getText()).contains("releasing a lock that was never acquired");

        results.findElement(By.cssSelector("a.back")).click();
        assertThat(fragment()).isEqualTo("clause-" + id);
        WebElement sentence = driver.findElement(By.id("clause-" + id));
        assertThat(sentence.isDisplayed()).isTrue();
        assertThat(inViewport(sentence)).isTrue();
        assertThat(sentence.getText()).contains("A driver must call NdisAcquireSpinLock").contains("failed");

        sentence.findElement(By.tagName("a")).click();
        assertThat(fragment()).isEqualTo("results-" + id);
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                Path.of("target", "report-implementation-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @SuppressWarnings("unchecked")
    private static List<String> script(String js) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(js);
    }

    @Test
    void every_internal_link_of_every_page_resolves() {
        Map<String, Set<String>> idsOf = new HashMap<>();
        Map<String, List<String>> linksOf = new HashMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of(url("index.html")));
        while (!todo.isEmpty()) {
            String page = todo.pop();
            if (idsOf.containsKey(page)) {
                continue;
            }
            driver.get(page);
            idsOf.put(page, new HashSet<>(script("return Array.from(document.querySelectorAll('[id]')).map(e => e.id);")));
            // SVG links keep their href in href.baseVal; HTML links resolve it themselves
            List<String> hrefs = script("return Array.from(document.querySelectorAll('a[href]')).map(a =>"
                    + " typeof a.href === 'string' ? a.href : new URL(a.href.baseVal, document.baseURI).href);");
            linksOf.put(page, hrefs);
            for (String href : hrefs) {
                URI uri = URI.create(href);
                String file = "file://" + uri.getRawPath();
                if ("file".equals(uri.getScheme()) && file.endsWith(".html") && !file.contains("/cucumber/")
                        && new File(uri.getPath()).isFile()) {
                    todo.add(file);
                }
            }
        }
        List<String> broken = new ArrayList<>();
        linksOf.forEach((page, hrefs) -> {
            for (String href : hrefs) {
                URI uri = URI.create(href);
                if (!"file".equals(uri.getScheme())) {
                    assertThat(uri.getScheme()).as("link %s on %s", href, page).isIn("http", "https");
                    continue;
                }
                String file = "file://" + uri.getRawPath();
                if (!new File(uri.getPath()).isFile()) {
                    broken.add(page + " -> " + href + " (no such file)");
                } else if (uri.getFragment() != null
                        && !idsOf.getOrDefault(file, Set.of()).contains(uri.getFragment())) {
                    broken.add(page + " -> " + href + " (no such anchor)");
                }
            }
        });
        assertThat(idsOf).hasSize(4);
        assertThat(linksOf.values().stream().mapToInt(List::size).sum()).isGreaterThan(50);
        assertThat(broken).as("links whose file or anchor is missing").isEmpty();
    }

    @Test
    void the_console_shows_no_error_and_nothing_hostile_runs() {
        driver.manage().logs().get(LogType.BROWSER); // drop what earlier tests logged
        for (String page : List.of("index.html", "ndis-spin-lock.reference.html",
                ReportModelBuilder.implementationFile("ndis-spin-lock", "Acme NDIS 2.0"),
                ReportModelBuilder.implementationFile("ndis-spin-lock", ReportFixtures.HOSTILE_NAME))) {
            driver.get(url(page));
            // an alert() from the page would leave a dialog open and make the next command fail
            Object active = ((JavascriptExecutor) driver).executeScript(
                    "return document.querySelectorAll('script, img, iframe, [onerror], [onmouseover], [onload]').length;");
            assertThat(active).as(page).isEqualTo(0L);
            List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertThat(severe).as("console errors on %s", page).isEmpty();
        }
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Conformance of " + ReportFixtures.HOSTILE_NAME);
    }

    @Test
    void the_footer_says_which_pages_hold_no_script_and_that_cucumbers_report_is_not_evidence() {
        for (String page : List.of("index.html", "ndis-spin-lock.reference.html")) {
            driver.get(url(page));
            String footer = driver.findElement(By.tagName("footer")).getText();
            assertThat(footer).as(page)
                    .contains("The kit's own pages, index.html and one <family>.<impl>.html per implementation of a family, hold no script and fetch nothing")
                    .contains("Cucumber's own report under <family>/<impl>/cucumber/ is not the kit's")
                    .contains("its HTML page contains JavaScript")
                    .contains("it shows the run as the worker told it, so it is not evidence");
            assertThat(footer).as(page).doesNotContain("no scripts,");
        }
        WebElement cucumber = driver.findElement(By.cssSelector("p.not-evidence"));
        assertThat(cucumber.getText()).contains("Cucumber HTML report (Cucumber's page, contains JavaScript)");
    }
}
