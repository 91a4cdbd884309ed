package org.pyrolab.daemon.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.pyrolab.daemon.config.LabConfig.Autolaunch;
import org.pyrolab.daemon.config.LabConfig.EndpointSpec;
import org.pyrolab.daemon.config.LabConfig.NameServerSpec;
import org.pyrolab.daemon.config.LabConfig.Restart;
import org.pyrolab.daemon.config.LabConfig.ServiceSpec;

/**
 * Reads and checks a configuration file, strictly and completely: every unknown key, wrong type,
 * bad value, missing or unknown driver parameter and dangling reference is reported at once,
 * each with file, line and path. An unknown driver is only a warning: it may be installed later.
 */
public final class ConfigReader {
    private static final Set<String> TOP = Set.of("version", "nameservers", "daemons", "services", "autolaunch", "web");
    private static final Set<String> NAMESERVER = Set.of("host", "ns_port", "broadcast", "ns_bcport", "ns_autoclean", "storage",
            "max_entries", "allow", "secret_file", "tls", "advertise");
    private static final Set<String> ENDPOINT = Set.of("host", "port", "nameservers", "servertype", "max_connections", "max_message_size",
            "message_deadline", "allow", "secret_file", "remote_tracebacks", "tls", "advertise");
    private static final Set<String> SERVICE = Set.of("driver", "parameters", "description", "daemon", "nameservers", "instancemode",
            "restart", "max_restarts", "timeout", "ping_interval", "lease", "call_timeout");
    private static final Set<String> AUTOLAUNCH = Set.of("nameservers", "daemons", "services");

    private final Function<String, Optional<List<ParameterSpec>>> drivers;

    /** @param drivers the parameters of a driver id, or empty when no installed bundle offers it */
    public ConfigReader(Function<String, Optional<List<ParameterSpec>>> drivers) {
        this.drivers = drivers;
    }

    /** The outcome of reading a file: the problems, and the configuration when there were no errors. */
    public record Result(LabConfig config, List<Problem> problems) {
        public boolean ok() {
            return problems.stream().noneMatch(Problem::error);
        }

        public List<Problem> errors() {
            return problems.stream().filter(Problem::error).toList();
        }
    }

    public Result read(String source, String fileName, String text) {
        YamlTree tree;
        try {
            tree = YamlTree.parse(text, fileName.toLowerCase().endsWith(".json"));
        } catch (ConfigException e) {
            return new Result(null, List.of(new Problem(true, fileName, e.line, e.path, e.getMessage())));
        }
        Check check = new Check(fileName, tree);
        Map<String, Object> top = check.map(tree.root, "");
        if (top == null) {
            return new Result(null, check.problems);
        }
        check.keys(top, "", TOP);
        Object version = top.get("version");
        if (version != null && !String.valueOf(version).equals("1.0")) {
            check.error("version", "unsupported version `" + version + "`; this PyroLab reads version \"1.0\"");
        }
        // relative secret_file paths are read from the configuration file's folder
        Path folder = source == null ? Path.of("").toAbsolutePath() : Path.of(source).toAbsolutePath().getParent();
        Map<String, NameServerSpec> nameservers = new LinkedHashMap<>();
        TlsCheck tls = new TlsCheck(check, source);
        check.entries(top, "nameservers").forEach((name, body) -> nameservers.put(name, nameserver(check, name, body, folder, tls)));
        Map<String, EndpointSpec> endpoints = new LinkedHashMap<>();
        check.entries(top, "daemons").forEach((name, body) -> endpoints.put(name, endpoint(check, name, body, nameservers, folder, tls)));
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        check.entries(top, "services").forEach((name, body) -> services.put(name, service(check, name, body, nameservers, endpoints)));
        Autolaunch autolaunch = autolaunch(check, top.get("autolaunch"), nameservers, endpoints, services);
        LabConfig.WebSpec web = new WebCheck(check, tls).read(top.get("web"), endpoints);
        if (!check.ok()) {
            return new Result(null, check.problems);
        }
        return new Result(new LabConfig(source, text, nameservers, endpoints, services, autolaunch, web), check.problems);
    }

    private static NameServerSpec nameserver(Check check, String name, Map<String, Object> body, Path folder, TlsCheck tls) {
        String path = "nameservers." + name;
        check.keys(body, path, NAMESERVER);
        return new NameServerSpec(name, check.text(body, path, "host", "localhost"), check.port(body, path, "ns_port", 9090),
                check.bool(body, path, "broadcast", false), check.port(body, path, "ns_bcport", 9091),
                check.number(body, path, "ns_autoclean", 0.0, 0.0), check.choice(body, path, "storage", "memory", "memory", "file"),
                check.integer(body, path, "max_entries", 10_000, 1), AccessKeys.allow(check, body, path),
                AccessKeys.secretFile(check, body, path, folder), tls.read(body, path, false), check.host(body, path, "advertise"));
    }

    private static EndpointSpec endpoint(Check check, String name, Map<String, Object> body, Map<String, NameServerSpec> nameservers,
            Path folder, TlsCheck tls) {
        String path = "daemons." + name;
        check.keys(body, path, ENDPOINT);
        check.choice(body, path, "servertype", "thread", "thread", "multiplex");
        return new EndpointSpec(name, check.text(body, path, "host", "localhost"), check.port(body, path, "port", 0),
                check.references(body, path, "nameservers", nameservers.keySet(), "nameservers"),
                check.integer(body, path, "max_connections", 256, 1), check.integer(body, path, "max_message_size", 16 << 20, 1024),
                check.number(body, path, "message_deadline", 20.0, 0.1), AccessKeys.allow(check, body, path),
                AccessKeys.secretFile(check, body, path, folder), check.bool(body, path, "remote_tracebacks", false),
                tls.read(body, path, true), check.host(body, path, "advertise"));
    }

    private ServiceSpec service(Check check, String name, Map<String, Object> body, Map<String, NameServerSpec> nameservers,
            Map<String, EndpointSpec> endpoints) {
        String path = "services." + name;
        boolean python = body.containsKey("module") || body.containsKey("classname");
        if (python) {
            check.error(path + (body.containsKey("module") ? ".module" : ".classname"),
                    "`module`/`classname` name Python classes; here a service names the id of an installed driver instead,"
                            + " as `driver: sim.laser` (`pyrolab drivers` lists them)");
            body = new LinkedHashMap<>(body);
            body.remove("module");
            body.remove("classname");
        }
        check.keys(body, path, SERVICE);
        String driver = check.text(body, path, "driver", null);
        if (driver == null && !body.containsKey("driver") && !python) {
            check.error(path, "no `driver`; name the driver this service runs, as `driver: sample.echo`");
        }
        Map<String, Object> parameters = body.get("parameters") == null ? Map.of() : check.map(body.get("parameters"), path + ".parameters");
        Map<String, Object> typed = driver == null ? Map.of() : parameters(check, path, driver, parameters == null ? Map.of() : parameters);
        String endpoint = check.text(body, path, "daemon", null);
        if (endpoint != null && !endpoints.containsKey(endpoint)) {
            check.error(path + ".daemon", "there is no endpoint `" + endpoint + "` under `daemons:`" + Check.suggest(endpoint, endpoints.keySet()));
        }
        Restart restart = Restart.valueOf(check.choice(body, path, "restart", "on-failure", "never", "on-failure", "always")
                .toUpperCase().replace('-', '_'));
        return new ServiceSpec(name, driver, typed, check.text(body, path, "description", ""), endpoint,
                check.references(body, path, "nameservers", nameservers.keySet(), "nameservers"),
                check.choice(body, path, "instancemode", "single", "single", "session", "percall"), restart,
                check.integer(body, path, "max_restarts", 5, 0), check.number(body, path, "timeout", 5.0, 0.1),
                check.number(body, path, "ping_interval", 10.0, 0.0), check.number(body, path, "lease", 300.0, 1.0),
                check.number(body, path, "call_timeout", 60.0, 0.0));
    }

    /** Checks the parameters against what the driver declares; returns them typed, defaults not filled in. */
    private Map<String, Object> parameters(Check check, String path, String driver, Map<String, Object> given) {
        Optional<List<ParameterSpec>> declared = drivers.apply(driver);
        if (declared.isEmpty()) {
            check.warning(path + ".driver", "no installed bundle offers the driver `" + driver
                    + "`; the service waits until one is installed");
            return given;
        }
        Map<String, ParameterSpec> specs = new LinkedHashMap<>();
        declared.get().forEach(p -> specs.put(p.name(), p));
        Map<String, Object> typed = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : given.entrySet()) {
            String at = path + ".parameters." + e.getKey();
            ParameterSpec spec = specs.get(e.getKey());
            if (spec == null) {
                check.error(at, "`" + driver + "` has no parameter `" + e.getKey() + "`" + Check.suggest(e.getKey(), specs.keySet())
                        + (specs.isEmpty() ? "; it takes none" : "; it takes " + String.join(", ", specs.keySet())));
                continue;
            }
            Object value = ParameterValues.convert(e.getValue(), spec.type());
            if (value == null) {
                check.error(at, "expected " + spec.typeName() + ", not `" + e.getValue() + "`");
            } else {
                typed.put(e.getKey(), value);
            }
        }
        for (ParameterSpec spec : specs.values()) {
            if (spec.required() && !given.containsKey(spec.name())) {
                check.error(path + ".parameters", "missing required parameter `" + spec.name() + "` (" + spec.typeName() + ") of `" + driver + "`");
            }
        }
        return typed;
    }

    private static Autolaunch autolaunch(Check check, Object node, Map<String, NameServerSpec> nameservers,
            Map<String, EndpointSpec> endpoints, Map<String, ServiceSpec> services) {
        if (node == null) {
            return new Autolaunch(List.of(), List.of(), List.of());
        }
        Map<String, Object> body = check.map(node, "autolaunch");
        if (body == null) {
            return new Autolaunch(List.of(), List.of(), List.of());
        }
        check.keys(body, "autolaunch", AUTOLAUNCH);
        return new Autolaunch(check.references(body, "autolaunch", "nameservers", nameservers.keySet(), "nameservers"),
                check.references(body, "autolaunch", "daemons", endpoints.keySet(), "daemons"),
                check.references(body, "autolaunch", "services", services.keySet(), "services"));
    }
}
