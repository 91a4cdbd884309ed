package org.pyrolab.launcher.e2e.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pyrolab.launcher.e2e.Json;
import org.pyrolab.launcher.e2e.Lab;
import org.pyrolab.launcher.e2e.Pyrolab;
import org.pyrolab.launcher.e2e.Pyrolab.Result;

/**
 * Issue 14 in a real browser: the demo lab with {@code web: on}, {@code pyrolab web}'s link opened
 * in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, driven by Selenium
 * without Selenium Manager, so nothing is downloaded). The page shows the demo services RUNNING,
 * stops and starts one with its buttons (the change shows on the page and in {@code pyrolab ps}),
 * shows a change made with {@code pyrolab} without a reload, follows a service's log while a line is
 * written, and a second browser without the token sees no data; without its cookie the page says
 * the session ended, and when the daemon goes it says the connection is lost. The same run saves
 * the screenshots docs/web.md shows, so they stay true.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BrowserIT {
    private static final Path CHROMIUM = Paths.get(System.getProperty("pyrolab.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Paths.get(System.getProperty("pyrolab.chromedriver", "/usr/bin/chromedriver"));
    private static final Path INSTALLATION = Paths.get(System.getProperty("pyrolab.installation", "target/pyrolab")).toAbsolutePath();
    /** The repository's docs/images, from the launcher module's folder (failsafe runs in it and passes basedir). */
    private static final Path IMAGES = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../docs/images").normalize();
    private static final List<String> DEMO = List.of("demo.echo", "demo.laser", "demo.stage", "demo.smu", "demo-ns", "demo-endpoint");
    private static final Pattern LINK = Pattern.compile("https?://\\S+[?&]token=\\S+");
    /**
     * Debian's Chromium may be older than every DevTools version this Selenium ships; the test
     * needs none of them (its two CDP commands go through chromedriver), so that warning is muted.
     * Held here so the logger, and its level, are not collected.
     */
    private static final java.util.logging.Logger CDP_VERSIONS = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    private Pyrolab pyrolab;
    private final List<WebDriver> browsers = new ArrayList<>();
    private WebDriver browser;
    private String link;

    @BeforeAll
    void labAndBrowser() throws Exception {
        // a missing browser fails the test with what to do, like the two-computer test without `ip`
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("BrowserIT needs headless Chromium and its driver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "); install them with `apt-get install chromium chromium-driver` (.ci/run does when they are missing).");
        }
        CDP_VERSIONS.setLevel(java.util.logging.Level.SEVERE);
        pyrolab = new Pyrolab();
        // the shipped demo configuration, with a free nameserver port instead of Pyro5's 9090 (suites run side by side)
        String demo = Files.readString(INSTALLATION.resolve("config/demo.yaml"));
        assertThat(demo).as("config/demo.yaml turns the web page on").containsPattern("(?m)^web:\\s*on\\b");
        Path config = Lab.write(pyrolab.root.resolve("demo.yaml"), demo.replace("ns_port: 9090", "ns_port: 0"));
        pyrolab.up("--config", config.toString());
        Result web = ok("web");
        Matcher m = LINK.matcher(web.out);
        assertThat(m.find()).as("`pyrolab web` prints a login link: %s", web).isTrue();
        link = m.group();
        browser = newBrowser();
    }

    @AfterAll
    void quit() throws Exception {
        try {
            for (WebDriver b : browsers) {
                try {
                    b.quit();
                } catch (RuntimeException e) {
                    // the browser may already be gone; the daemon must still be stopped
                }
            }
        } finally {
            if (pyrolab != null) {
                pyrolab.close();
            }
        }
    }

    @Test
    @Order(1)
    void theLinkOpensThePageWithTheDemoServicesRunning() {
        browser.get(link);
        waitFor("the page is live", b -> "live".equals(attribute(b, "#connection", "data-state")));
        for (String name : DEMO) {
            waitFor(name + " RUNNING on the page", b -> "RUNNING".equals(field(b, name, "state")));
        }
        // the token is spent on the redirect: the address bar no longer carries it
        assertThat(browser.getCurrentUrl()).doesNotContain("token=");
        waitFor("the daemon's facts", b -> !text(b, "#daemon [data-field='pid']").equals("–"));
        assertThat(text(browser, "#daemon [data-field='pid']")).isEqualTo(Long.toString(pyrolab.lock().orElseThrow().pid));
        waitFor("the nameserver's entries", b -> !b.findElements(By.cssSelector("[data-nameserver='demo-ns'] tr[data-entry='demo.laser']")).isEmpty());
        waitFor("the deployed drivers", b -> !b.findElements(By.cssSelector("#driver-rows [data-driver='sim.laser']")).isEmpty());
        assertThat(field(browser, "demo.laser", "driver")).contains("sim.laser");
        assertThat(browser.getTitle()).isEqualTo("PyroLab: 4 of 4 running");
    }

    @Test
    @Order(2)
    void stopAndStartAServiceWithItsButtons() {
        click("demo.stage", "stop");
        waitFor("demo.stage STOPPED on the page", b -> "STOPPED".equals(field(b, "demo.stage", "state")));
        // the API's message, as `pyrolab stop` prints it
        waitFor("stop's answer in the row", b -> resultOf(b, "demo.stage").getText().startsWith("Stopped demo.stage"));
        assertThat(resultOf(browser, "demo.stage").getAttribute("data-ok")).isEqualTo("true");
        assertThat(state("demo.stage")).isEqualTo("STOPPED");

        // the buttons are real buttons: the keyboard works them too
        button("demo.stage", "start").sendKeys(Keys.ENTER);
        waitFor("demo.stage RUNNING on the page", b -> "RUNNING".equals(field(b, "demo.stage", "state")));
        waitFor("start's answer in the row", b -> resultOf(b, "demo.stage").getText().startsWith("Started demo.stage"));
        assertThat(resultOf(browser, "demo.stage").getAttribute("data-ok")).isEqualTo("true");
        assertThat(state("demo.stage")).isEqualTo("RUNNING");
    }

    @Test
    @Order(3)
    void aChangeMadeInTheTerminalShowsWithoutAReload() {
        script(browser, "window.pyrolabTestMark = 'same page'");
        ok("stop", "demo.echo");
        waitFor("demo.echo STOPPED on the page", b -> "STOPPED".equals(field(b, "demo.echo", "state")));
        ok("start", "demo.echo");
        waitFor("demo.echo RUNNING on the page", b -> "RUNNING".equals(field(b, "demo.echo", "state")));
        assertThat(script(browser, "return window.pyrolabTestMark")).as("the page was not reloaded").isEqualTo("same page");
    }

    @Test
    @Order(3)
    void aServiceLogFollowsLive() {
        click("demo.laser", "log");
        waitFor("demo.laser's log is followed", b -> "demo.laser".equals(attribute(b, "#log", "data-following")));
        long before = startedLines();
        // a restart from the terminal writes `started demo.laser` into the service's log
        ok("restart", "demo.laser");
        waitFor("a new `started demo.laser` line in the followed log", b -> startedLines() > before);
    }

    @Test
    @Order(4)
    void screenshotsForTheDocs() throws Exception {
        for (String name : DEMO) {
            waitFor(name + " RUNNING on the page", b -> "RUNNING".equals(field(b, name, "state")));
        }
        for (String name : DEMO.subList(0, 4)) {
            waitFor(name + " registered on demo-ns, on the page",
                    b -> !b.findElements(By.cssSelector("[data-nameserver='demo-ns'] tr[data-entry='" + name + "']")).isEmpty());
        }
        Files.createDirectories(IMAGES);
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        // the whole page at desktop width, below the window's edge too: a window as tall as the page
        long height = ((Number) script(browser, "return document.documentElement.scrollHeight")).longValue();
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", height, "deviceScaleFactor", 1, "mobile", false));
        try {
            waitFor("the tall window", b -> ((Number) script(b, "return window.innerHeight")).longValue() == height);
            screenshot("web-page.png");
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }

        // a phone: 390 css pixels wide; the page must not scroll sideways
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        try {
            waitFor("the phone layout", b -> ((Number) script(b, "return window.innerWidth")).intValue() == 390);
            long overflow = ((Number) script(browser, "return document.documentElement.scrollWidth - window.innerWidth")).longValue();
            assertThat(overflow).as("horizontal scrolling at 390 px").isLessThanOrEqualTo(0);
            ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
            screenshot("web-page-phone.png");
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    @Order(5)
    void aBrowserWithoutTheTokenSeesNothing() {
        WebDriver stranger = newBrowser();
        String base = link.substring(0, link.indexOf('?'));
        stranger.get(base);
        assertThat(stranger.findElements(By.cssSelector("tr[data-service]"))).isEmpty();
        assertThat(text(stranger, "body")).containsIgnoringCase("not signed in").contains("pyrolab web")
                .doesNotContain("demo.laser").doesNotContain("RUNNING");
        stranger.get(base + "api/services");
        assertThat(stranger.getPageSource()).containsIgnoringCase("not signed in").doesNotContain("demo.laser");
        // the link was spent by the first browser: it lets nobody else in
        stranger.get(link);
        assertThat(text(stranger, "body")).contains("pyrolab web").doesNotContain("demo.laser");
        assertThat(stranger.findElements(By.cssSelector("tr[data-service]"))).isEmpty();
    }

    @Test
    @Order(6)
    void withoutItsCookieThePageSaysTheSessionEnded() {
        String started = (String) row("demo.echo").get("started");
        browser.manage().deleteAllCookies(); // the HttpOnly session cookie too
        click("demo.echo", "restart");
        waitFor("the page says the session ended", b -> b.findElement(By.id("session-ended")).isDisplayed());
        assertThat(text(browser, "#session-ended")).isEqualTo("Your session has ended; run pyrolab web for a new link.");
        assertThat(browser.findElement(By.id("content")).isDisplayed()).as("the data is hidden").isFalse();
        assertThat(row("demo.echo").get("started")).as("the refused restart did not happen").isEqualTo(started);
    }

    @Test
    @Order(7)
    void whenTheDaemonGoesThePageSaysTheConnectionIsLost() {
        Matcher m = LINK.matcher(ok("web").out);
        assertThat(m.find()).isTrue();
        browser = newBrowser();
        browser.get(m.group());
        waitFor("the page is live", b -> "live".equals(attribute(b, "#connection", "data-state")));
        ok("down");
        waitFor("the page says the connection is lost", b -> "lost".equals(attribute(b, "#connection", "data-state")));
        assertThat(text(browser, "#connection")).isEqualTo("Connection lost; reconnecting…");
    }

    // ---------- helpers ----------

    private WebDriver newBrowser() {
        // both paths explicit, so Selenium Manager never looks for (or downloads) a browser or driver
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // CI runs as root, where Chromium's sandbox cannot start; /dev/shm is small in containers
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                "--lang=en-US", "--user-data-dir=" + pyrolab.root.resolve("chromium-" + browsers.size()));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(pyrolab.root.resolve("chromedriver-" + browsers.size() + ".log").toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        browsers.add(driver);
        return driver;
    }

    private Result ok(String... args) {
        Result r = pyrolab.run(args);
        assertThat(r.exit).as("pyrolab %s: %s", String.join(" ", args), r).isZero();
        return r;
    }

    /** NAME's row of {@code pyrolab ps --json}. */
    private Map<String, Object> row(String name) {
        return Json.objects(ok("ps", "--json").out).stream().filter(r -> name.equals(r.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in ps --json"));
    }

    private String state(String name) {
        return (String) row(name).get("state");
    }

    private void click(String service, String action) {
        button(service, action).click();
    }

    private WebElement button(String service, String action) {
        WebElement button = browser.findElement(By.cssSelector(rowCss(service) + " button[data-action='" + action + "']"));
        assertThat(button.getAttribute("aria-disabled")).as("%s %s is enabled", action, service).isNotEqualTo("true");
        return button;
    }

    private long startedLines() {
        return browser.findElements(By.cssSelector("#log-lines .line")).stream()
                .filter(l -> l.getText().contains("started demo.laser")).count();
    }

    private static String rowCss(String service) {
        return "tr[data-service='" + service + "']";
    }

    /** The text of a row's cell, or null while the row is not there. */
    private static String field(WebDriver b, String service, String field) {
        List<WebElement> cells = b.findElements(By.cssSelector(rowCss(service) + " [data-field='" + field + "']"));
        return cells.isEmpty() ? null : cells.get(0).getText().trim();
    }

    private static WebElement resultOf(WebDriver b, String service) {
        return b.findElement(By.cssSelector(rowCss(service) + " [data-field='result']"));
    }

    private static String text(WebDriver b, String css) {
        List<WebElement> found = b.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText().trim();
    }

    private static String attribute(WebDriver b, String css, String name) {
        List<WebElement> found = b.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0).getAttribute(name);
    }

    private static Object script(WebDriver b, String js) {
        return ((JavascriptExecutor) b).executeScript(js);
    }

    /** Waits for a condition in the page; on failure says what the page showed and what its console said. */
    private void waitFor(String what, ExpectedCondition<Boolean> condition) {
        try {
            new WebDriverWait(browser, Lab.PATIENCE, Duration.ofMillis(100)).until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError("not within " + Lab.PATIENCE + ": " + what + "\n--- page:\n" + text(browser, "body")
                    + "\n--- browser console:\n" + console(browser), e);
        }
    }

    private static String console(WebDriver b) {
        try {
            return b.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return "(not available: " + e.getMessage() + ")";
        }
    }

    private void screenshot(String name) throws IOException {
        Files.write(IMAGES.resolve(name), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
    }
}
