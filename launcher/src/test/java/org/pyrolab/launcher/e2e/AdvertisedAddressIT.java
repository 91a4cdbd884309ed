package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An endpoint on the lab network advertises an address clients elsewhere can reach, or what {@code advertise:} says. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AdvertisedAddressIT {
    private static final Pattern URI = Pattern.compile("PYRO:([^@]+)@(.+):(\\d+)");
    private Pyrolab pyrolab;

    @BeforeEach
    void home() throws Exception {
        pyrolab = new Pyrolab();
    }

    @AfterEach
    void stopEverything() throws Exception {
        pyrolab.close();
    }

    @Test
    void aWildcardEndpointAdvertisesANonLoopbackAddressAndAdvertiseOverrides() throws Exception {
        Lab.write(pyrolab.root.resolve("lab.yaml"), String.join("\n",
                "nameservers:",
                "  ns: {host: 0.0.0.0, ns_port: 0, advertise: ns-pc.example}",
                "daemons:",
                "  lan: {host: 0.0.0.0}",
                "  named: {host: 0.0.0.0, advertise: lab-pc.example, nameservers: [ns]}",
                "services:",
                "  lan.echo: {driver: sample.echo, daemon: lan}",
                "  named.echo: {driver: sample.echo, daemon: named, nameservers: [ns]}",
                "autolaunch:",
                "  nameservers: [ns]",
                "  services: [lan.echo, named.echo]",
                ""));
        pyrolab.up("--config", "lab.yaml");
        Lab.awaitState(pyrolab, "lan.echo", "RUNNING");
        Lab.awaitState(pyrolab, "named.echo", "RUNNING");

        Matcher lan = uri(Lab.row(pyrolab, "lan.echo"));
        InetAddress host = InetAddress.getByName(lan.group(2));
        assertThat(host.isLoopbackAddress()).as("advertised %s", lan.group(0)).isFalse();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, Integer.parseInt(lan.group(3))), 5000); // reachable at that address
        }
        assertThat(Lab.ok(pyrolab, "ps").out).contains(lan.group(0));

        Matcher named = uri(Lab.row(pyrolab, "named.echo"));
        assertThat(named.group(2)).isEqualTo("lab-pc.example");
        assertThat(Lab.row(pyrolab, "named").get("address")).isEqualTo("lab-pc.example:" + named.group(3));
        assertThat(uri(Lab.row(pyrolab, "ns")).group(2)).isEqualTo("ns-pc.example");
    }

    @Test
    void anAdvertiseThatIsNoHostIsAConfigurationError() {
        Lab.write(pyrolab.root.resolve("lab.yaml"), "daemons:\n  lan: {host: 0.0.0.0, advertise: \"http://x/\"}\n");
        Pyrolab.Result up = pyrolab.run("up", "--config", "lab.yaml");
        assertThat(up.exit).as("%s", up).isEqualTo(1);
        assertThat(pyrolab.daemons()).isEmpty();
        assertThat(up.err).contains("lab.yaml:2: daemons.lan.advertise: expected the host name or IP address clients"
                + " reach this at, as `192.168.1.20` or `labpc.example.org`, not `http://x/`");
    }

    private static Matcher uri(Map<String, Object> row) {
        Matcher m = URI.matcher(String.valueOf(row.get("address")));
        assertThat(m.matches()).as("a Pyro URI in %s", row).isTrue();
        return m;
    }
}
