package org.pyrolab.daemon.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pyrolab.api.dto.ProblemDTO;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.api.lab.Configuration;
import org.pyrolab.api.lab.Services;
import org.pyrolab.control.AtomicFile;
import org.pyrolab.daemon.internal.DataFolder;
import org.pyrolab.daemon.internal.InstanceLock;
import org.pyrolab.daemon.internal.Fatal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * The configuration the daemon runs from. At start it reads the file given to
 * {@code up --config}, or else the user configuration file, and refuses to run from an invalid
 * one (the daemon then exits and {@code up} prints every problem). Afterwards the daemon runs
 * from its own copy: the file changes nothing until {@code reload}.
 */
@Component(immediate = true)
public class ConfigurationService implements Configuration {
    private static final System.Logger LOG = System.getLogger("org.pyrolab.daemon.config");

    private final ConfigTarget.Runner runner;
    private final ConfigTarget.Web web;
    private final Services registry;
    private final ConfigReader reader;
    private final Path userConfig;
    private volatile Path source;
    private volatile LabConfig running;

    @Activate
    public ConfigurationService(BundleContext context, @Reference ConfigTarget.Runner runner, @Reference Services registry,
            @Reference ConfigTarget.Drivers drivers, @Reference InstanceLock lock, @Reference ConfigTarget.Web web) {
        this.runner = runner;
        this.web = web;
        this.registry = registry;
        this.reader = new ConfigReader(drivers::parametersOf);
        DataFolder files = lock.folder();
        this.userConfig = files.userConfig();
        this.source = files.startConfig() != null ? files.startConfig() : Files.exists(userConfig) ? userConfig : null;
        ConfigReader.Result result = load(source);
        if (!result.ok()) {
            String problems = result.errors().stream().map(Problem::toString).collect(Collectors.joining("\n"));
            throw fatal(context, "the configuration is invalid; nothing was started:\n" + problems);
        }
        // at start-up the deploy directory's drivers are still on their way in: an unknown driver is no news yet
        result.problems().forEach(p -> LOG.log(System.Logger.Level.DEBUG, p.toString()));
        running = result.config();
        runner.apply(running); // autolaunch goes on in the background; `up` waits for its report
        web.apply(running.web()); // so does the web page: `pyrolab web` waits for it
        LOG.log(System.Logger.Level.INFO, "running from " + (source == null ? "an empty configuration" : source.toString()));
    }

    private static IllegalStateException fatal(BundleContext context, String reason) {
        return Fatal.report(context, reason);
    }

    private ConfigReader.Result load(Path file) {
        return ConfigFile.read(reader, file);
    }

    @Override
    public List<ProblemDTO> validate(Path file) {
        return ConfigFile.dtos(load(file).problems());
    }

    /**
     * Installs {@code file} as the user configuration. Synchronized with {@code rename},
     * {@code reset} and {@code reload}: concurrent changes of the file happen one after the
     * other, each whole ({@link AtomicFile}), none lost in between another's read and write.
     */
    @Override
    public synchronized List<ProblemDTO> update(Path file) {
        ConfigReader.Result result = load(file);
        if (result.ok()) {
            ConfigFile.install(userConfig, result.config());
            source = userConfig;
        }
        return ConfigFile.dtos(result.problems());
    }

    @Override
    public String show() {
        return running.text();
    }

    @Override
    public Path source() {
        return source;
    }

    @Override
    public void export(Path file) {
        try {
            Files.writeString(file, running.text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized Path reset() {
        return ConfigFile.remove(userConfig);
    }

    @Override
    public synchronized String reload() {
        Path file = source != null ? source : Files.exists(userConfig) ? userConfig : null;
        ConfigReader.Result result = load(file);
        if (!result.ok()) {
            throw new IllegalArgumentException("the configuration is invalid; nothing was changed:\n"
                    + result.errors().stream().map(Problem::toString).collect(Collectors.joining("\n")));
        }
        source = file;
        running = result.config();
        try {
            java.util.concurrent.CompletableFuture<String> page = web.apply(running.web());
            String summary = runner.apply(running).get(5, java.util.concurrent.TimeUnit.MINUTES);
            String pageSummary = page.get(1, java.util.concurrent.TimeUnit.MINUTES);
            return pageSummary.isEmpty() ? summary : summary + " " + pageSummary;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("reload did not settle: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("reload interrupted");
        }
    }

    @Override
    public synchronized String rename(String oldName, String newName) {
        if (!newName.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("`" + newName + "` is not a usable name; use letters, digits, dots, dashes and underscores");
        }
        Names.problem(newName).ifPresent(problem -> {
            throw new IllegalArgumentException("`" + newName + "` is not a usable name: " + problem);
        });
        if (source == null) {
            throw new IllegalArgumentException("the daemon runs from no configuration file, so there is nothing to rename");
        }
        Map<String, Object> tree = readTree();
        if (!Renamer.rename(tree, oldName, newName)) {
            throw new IllegalArgumentException("there is no entry `" + oldName + "` in " + source);
        }
        boolean wasRunning = registry.list().stream().anyMatch(s -> s.name.equals(oldName) && s.state == ServiceState.RUNNING);
        writeTree(tree);
        String summary = reload();
        if (wasRunning && registry.list().stream().anyMatch(s -> s.name.equals(newName) && s.state != ServiceState.RUNNING)) {
            registry.start(newName);
        }
        return "Renamed " + oldName + " to " + newName + " in " + source + ". " + summary;
    }

    @Override
    public Object info(String name) {
        Map<String, Object> tree = parse(running.text());
        if (name == null) {
            return tree;
        }
        for (String section : List.of("services", "daemons", "nameservers")) {
            Object entries = tree.get(section);
            if (entries instanceof Map && ((Map<?, ?>) entries).containsKey(name)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", name);
                entry.put("section", section);
                entry.put("entry", ((Map<?, ?>) entries).get(name));
                return entry;
            }
        }
        throw new IllegalArgumentException("there is no entry `" + name + "` in the running configuration");
    }

    private Map<String, Object> readTree() {
        try {
            return parse(Files.readString(source, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + source + ": " + e.getMessage());
        }
    }

    private void writeTree(Map<String, Object> tree) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
        try {
            AtomicFile.writeString(source, yaml.writeValueAsString(tree));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + source + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String text) {
        try {
            Object tree = new ObjectMapper(new YAMLFactory()).readValue(text, Object.class);
            return tree instanceof Map ? (Map<String, Object>) tree : new LinkedHashMap<>();
        } catch (IOException e) {
            throw new IllegalStateException("the configuration cannot be parsed: " + e.getMessage());
        }
    }
}
