package org.pyrolab.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.api.dto.EndpointDTO;
import org.pyrolab.api.dto.NameServerDTO;
import org.pyrolab.api.dto.RemoteServiceDTO;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.lab.LockChange;
import org.pyrolab.api.lab.LockChange.Outcome;
import org.pyrolab.api.lab.LockHolder;
import org.pyrolab.api.lab.NameServerEntry;
import org.pyrolab.api.lab.RemoteAccess;
import org.pyrolab.api.lab.RemoteChange;
import org.pyrolab.control.CommandFailure;

/** The wording of nslist, lock and unlock, from what remote access answers (records and enums). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteCommandsTest {
    private static final LockHolder BOB = new LockHolder("bob", "127.0.0.1", Instant.parse("2026-01-02T03:04:05.678Z"));
    private static final String ME = System.getProperty("user.name", "pyrolab");

    private final FakeAccess access = new FakeAccess();
    private final RemoteCommands commands = new RemoteCommands();

    {
        commands.remote = access;
    }

    @Test
    void nslistPrintsOneLinePerNameWithItsMetadataBelow() {
        access.entries.add(new NameServerEntry("lab.echo", "PYRO:lab.echo@127.0.0.1:9100", List.of("a", "b")));
        access.entries.add(new NameServerEntry("lab.stage", "PYRO:lab.stage@127.0.0.1:9100", List.of()));
        assertThat(commands.nslist("h", 1, false)).isEqualTo("lab.echo --> PYRO:lab.echo@127.0.0.1:9100\n    metadata: a, b\n"
                + "lab.stage --> PYRO:lab.stage@127.0.0.1:9100");
        assertThat(commands.nslist("h", 1, true)).isEqualTo("""
                [ {
                  "name" : "lab.echo",
                  "uri" : "PYRO:lab.echo@127.0.0.1:9100",
                  "metadata" : [ "a", "b" ]
                }, {
                  "name" : "lab.stage",
                  "uri" : "PYRO:lab.stage@127.0.0.1:9100",
                  "metadata" : [ ]
                } ]""");
    }

    @Test
    void anEmptyNameServerSaysSoAndAnUnreachableOneFails() {
        assertThat(commands.nslist("h", 1, false)).isEqualTo("The nameserver at h:1 holds no names.");
        assertThat(commands.nslist("h", 1, true)).isEqualTo("[ ]");
        access.unreachable = true;
        assertThatThrownBy(() -> commands.nslist("h", 1, false)).isInstanceOf(CommandFailure.class)
                .hasMessage("cannot list; is a nameserver running there? (`pyrolab ps` shows this daemon's)");
    }

    @Test
    void lockSaysUntilWhenOrWhoHoldsIt() {
        access.answer = new LockChange(Outcome.LOCKED, new LockHolder(ME, "localhost", Instant.now()));
        assertThat(commands.lock("lab.echo")).isEqualTo("Locked lab.echo for " + ME + "; it stays locked until `pyrolab unlock lab.echo`.");
        access.answer = new LockChange(Outcome.HELD, BOB);
        assertThatThrownBy(() -> commands.lock("lab.echo")).isInstanceOf(CommandFailure.class).hasMessage(
                "lab.echo is locked by bob@127.0.0.1 since 2026-01-02T03:04:05Z; wait until they unlock it, or break the lock with `pyrolab unlock lab.echo --force`.");
    }

    @Test
    void unlockSaysWhatItDid() {
        access.answer = new LockChange(Outcome.UNLOCKED, null);
        assertThat(commands.unlock(false, "lab.echo")).isEqualTo("Unlocked lab.echo.");
        access.answer = new LockChange(Outcome.NOT_LOCKED, null);
        assertThat(commands.unlock(false, "lab.echo")).isEqualTo("lab.echo was not locked.");
        access.answer = new LockChange(Outcome.BROKEN, BOB);
        assertThat(commands.unlock(true, "lab.echo")).isEqualTo("Unlocked lab.echo (it was held by bob@127.0.0.1 since 2026-01-02T03:04:05Z).");
        access.answer = new LockChange(Outcome.HELD, BOB);
        assertThatThrownBy(() -> commands.unlock(false, "lab.echo")).isInstanceOf(CommandFailure.class).hasMessage(
                "lab.echo is locked by bob@127.0.0.1 since 2026-01-02T03:04:05Z, not by you from the command line; break the lock with `pyrolab unlock lab.echo --force`.");
    }

    @Test
    void aRefusalOfRemoteAccessIsACommandFailure() {
        access.answer = null; // lock and unlock throw, as for a service that is not served
        assertThatThrownBy(() -> commands.lock("nothing.here")).isInstanceOf(CommandFailure.class).hasMessage("nothing.here is not a running service");
    }

    private static final class FakeAccess implements RemoteAccess {
        final List<NameServerEntry> entries = new ArrayList<>();
        boolean unreachable;
        LockChange answer;

        @Override
        public List<NameServerEntry> nslist(String host, int port) throws IOException {
            if (unreachable) {
                throw new IOException("cannot list");
            }
            return entries;
        }

        @Override
        public LockChange lock(String service, String user) {
            return answered(service);
        }

        @Override
        public LockChange unlock(String service, String user, boolean force) {
            return answered(service);
        }

        private LockChange answered(String service) {
            if (answer == null) {
                throw new IllegalArgumentException(service + " is not a running service");
            }
            return answer;
        }

        @Override
        public void configure(List<EndpointDTO> endpoints, List<NameServerDTO> nameservers) {
        }

        @Override
        public boolean has(String name) {
            return false;
        }

        @Override
        public RemoteChange start(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RemoteChange stop(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void expose(RemoteServiceDTO service, Object instance, Supplier<Object> create, Consumer<Object> release) {
        }

        @Override
        public void withdraw(String name) {
        }

        @Override
        public List<ServiceDTO> entries() {
            return List.of();
        }

        @Override
        public String address(String service) {
            return null;
        }

        @Override
        public LockHolder lockHolder(String service) {
            return null;
        }
    }
}
