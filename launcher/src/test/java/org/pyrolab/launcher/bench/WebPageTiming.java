package org.pyrolab.launcher.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web page as a user waits for it, in headless Chromium (bench/web-browser.sh runs it
 * against a daemon it started with the demo lab):
 * <ul>
 * <li>{@code pyrolab web} → page ready: from running the command (a new link each round) until
 * the open browser, sent to the link, shows every service RUNNING;</li>
 * <li>state change → page: from running {@code pyrolab stop NAME} (or {@code start}) until the
 * page shows the new state; the command's own time is in it ({@code stop} is answered by the
 * native client, {@code start} by the Java one, which may have to start the daemon first).</li>
 * </ul>
 * The page is watched from inside (a MutationObserver), not by polling through WebDriver, so
 * the figures are not rounded up to a polling period. The browser itself is started once,
 * before the clock: a user has one open.
 * Usage: WebPageTiming PYROLAB_COMMAND ROUNDS SERVICE
 */
public final class WebPageTiming {
    private static final Pattern LINK = Pattern.compile("https?://\\S+[?&]token=\\S+");
    /** Resolves once every state cell reads `state` (all rows when `name` is null, else that row). */
    private static final String AWAIT_STATE = String.join("\n",
            "const [name, state, done] = arguments;",
            "const cells = () => [...document.querySelectorAll(name ? `tr[data-service='${name}'] [data-field='state']`",
            "                                                      : `tr[data-service] [data-field='state']`)];",
            "const ready = () => { const c = cells(); return c.length > 0 && c.every(e => e.textContent.trim() === state); };",
            "if (ready()) { done(Date.now()); return; }",
            "const watch = new MutationObserver(() => { if (ready()) { watch.disconnect(); done(Date.now()); } });",
            "watch.observe(document.body, {subtree: true, childList: true, characterData: true});");

    private WebPageTiming() {
    }

    public static void main(String[] args) throws Exception {
        String pyrolab = args[0];
        int rounds = Integer.parseInt(args[1]);
        String service = args[2];
        Path profile = Files.createTempDirectory("pyrolab-chromium");
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, System.getProperty("pyrolab.chromedriver", "/usr/bin/chromedriver"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("pyrolab.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                "--user-data-dir=" + profile);
        ChromeDriver browser = new ChromeDriver(options);
        try {
            browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            JavascriptExecutor page = browser;
            List<Long> ready = new ArrayList<>();
            List<Long> stopped = new ArrayList<>();
            List<Long> started = new ArrayList<>();
            for (int round = 0; round < rounds + 1; round++) { // the first round warms the daemon and the browser
                long t0 = System.currentTimeMillis();
                String link = link(run(pyrolab, "web"));
                browser.get(link);
                long t1 = (Long) page.executeAsyncScript(AWAIT_STATE, null, "RUNNING");
                for (String[] step : new String[][] {{"stop", "STOPPED"}, {"start", "RUNNING"}}) {
                    long s0 = System.currentTimeMillis();
                    run(pyrolab, step[0], service);
                    long s1 = (Long) page.executeAsyncScript(AWAIT_STATE, service, step[1]);
                    if (round > 0) {
                        (step[0].equals("stop") ? stopped : started).add(s1 - s0);
                    }
                }
                if (round > 0) {
                    ready.add(t1 - t0);
                }
            }
            System.out.println("pyrolab web -> page ready (all RUNNING): " + summary(ready));
            System.out.println("pyrolab stop " + service + " -> page shows STOPPED: " + summary(stopped));
            System.out.println("pyrolab start " + service + " -> page shows RUNNING: " + summary(started));
        } finally {
            browser.quit();
        }
    }

    private static String run(String pyrolab, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(pyrolab));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    private static String link(String webOutput) {
        Matcher m = LINK.matcher(webOutput);
        if (!m.find()) {
            throw new IllegalStateException("no link in: " + webOutput);
        }
        return m.group();
    }

    private static String summary(List<Long> ms) {
        List<Long> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        return "median " + sorted.get(sorted.size() / 2) + " ms (" + ms.stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse("") + ")";
    }
}
