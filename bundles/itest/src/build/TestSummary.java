import java.io.File;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The build's verdict on the in-framework tests. bnd-testing prints no Surefire "Tests run:" line
 * and runs with testFailureIgnore, so this reads the tester's JUnit XML reports, prints how many
 * passed and failed (and which failed), and exits 1 when any failed or none ran. Run by
 * maven-antrun as a single-file source program: java TestSummary.java REPORT_DIR SKIPTESTS MAVEN_TEST_SKIP.
 */
public class TestSummary {
    public static void main(String[] args) throws Exception {
        File dir = new File(args[0]);
        if (isSet(args[1]) || isSet(args[2])) {
            System.out.println("In-framework tests: skipped");
            return;
        }
        File[] reports = dir.listFiles((d, name) -> name.startsWith("TEST-") && name.endsWith(".xml"));
        if (reports == null || reports.length == 0) {
            System.out.println("In-framework tests: no report in " + dir + "; the framework did not run the tests (see the errors above;"
                    + " -Dtest needs a fully qualified class name)");
            System.exit(1);
        }
        int run = 0, failed = 0, skipped = 0;
        List<String> failures = new ArrayList<>();
        for (File report : reports) {
            Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report).getDocumentElement();
            run += count(suite, "tests");
            failed += count(suite, "failures") + count(suite, "errors");
            skipped += count(suite, "skipped");
            NodeList cases = suite.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element c = (Element) cases.item(i);
                NodeList problems = c.getElementsByTagName("failure").getLength() > 0 ? c.getElementsByTagName("failure")
                        : c.getElementsByTagName("error");
                if (problems.getLength() > 0) {
                    String message = ((Element) problems.item(0)).getAttribute("message").strip().lines().findFirst().orElse("");
                    failures.add(c.getAttribute("classname") + "." + c.getAttribute("name") + ": " + message);
                }
            }
        }
        int passed = run - failed - skipped;
        System.out.println("In-framework tests: " + run + " run (reports in " + dir + ")");
        System.out.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        failures.forEach(f -> System.out.println("  FAILED " + f));
        if (failed > 0 || run == 0) {
            System.exit(1);
        }
    }

    /** -DskipTests alone means true. */
    private static boolean isSet(String flag) {
        return flag.isEmpty() || Boolean.parseBoolean(flag);
    }

    private static int count(Element suite, String attribute) {
        String value = suite.getAttribute(attribute);
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }
}
