package org.pyrolab.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrolab.daemon.registry.Machine.INSTANCE;
import static org.pyrolab.daemon.registry.Machine.spec;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.api.lab.ServiceChange.Change;
import org.pyrolab.daemon.config.LabConfig.Restart;

/** The state machine as tables of transitions: no threads, no sleeps, the clock set by hand. */
@Timeout(10)
class TransitionsTest {

    @Test
    void startOpensTheDriverAndWaitsForTheConnect() {
        Machine m = new Machine().with(spec("a", Restart.NEVER, 0)).fire(new Event.Start("a", false));
        assertThat(m.get("a").state()).isEqualTo(ServiceState.STARTING);
        assertThat(m.get("a").wanted()).isTrue();
        assertThat(m.actions).containsExactly(new Action.Open("a", 1, spec("a", Restart.NEVER, 0), Machine.SIM));
        assertThat(m.answer).isEqualTo(new Answer.Await("a", 1));
    }

    @Test
    void connectOkRunsAnnouncesAndAnswers() {
        Machine m = new Machine().with(spec("a", Restart.NEVER, 0)).running("a");
        ServiceRecord a = m.get("a");
        assertThat(a.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(a.started()).isEqualTo(m.now);
        assertThat(a.running()).isSameAs(INSTANCE);
        assertThat(m.state.startOrder()).containsExactly("a");
        assertThat(m.actions(Action.Announce.class)).containsExactly(new Action.Announce("a"));
        assertThat(m.reply()).isEqualTo(Outcome.of("a", Change.STARTED, "sim.laser", null));
    }

    @Test
    void startingTwiceMakesOneInstance() {
        Machine m = new Machine().with(spec("a", Restart.NEVER, 0)).fire(new Event.Start("a", true)).fire(new Event.Start("a", true));
        assertThat(m.actions).isEmpty();
        assertThat(m.answer).as("waits for the same attempt").isEqualTo(new Answer.Await("a", 1));
        m.fire(new Event.Opened("a", 1, INSTANCE)).fire(new Event.Start("a", true));
        assertThat(((Answer.Now) m.answer).outcome()).isEqualTo(Outcome.of("a", Change.ALREADY_RUNNING, null, m.now));
    }

    @Test
    void aMissingDriverWaitsAndItsArrivalStarts() {
        Machine m = new Machine().with(spec("a", Restart.NEVER, 0));
        m.installed.clear();
        m.fire(new Event.Start("a", false));
        assertThat(m.get("a").state()).isEqualTo(ServiceState.WAITING);
        assertThat(m.get("a").reason()).isEqualTo("driver sim.laser is not installed");
        assertThat(((Answer.Now) m.answer).outcome()).isEqualTo(Outcome.of("a", Change.WAITING_FOR_DRIVER, "sim.laser", null));
        assertThat(m.actions).isEmpty();
        m.installed.put(Machine.SIM.id(), Machine.SIM);
        m.fire(new Event.DriverArrived(Machine.SIM));
        assertThat(m.get("a").state()).isEqualTo(ServiceState.STARTING);
        assertThat(m.actions(Action.Open.class)).hasSize(1);
    }

    @Test
    void connectFailureWithRestartNeverStaysFailed() {
        Machine m = new Machine().with(spec("a", Restart.NEVER, 0)).fire(new Event.Start("a", false));
        m.fire(new Event.OpenFailed("a", 1, "connect did not finish within 0.5 s", true, "a failed to start: connect did not finish within 0.5 s"));
        assertThat(m.get("a").state()).isEqualTo(ServiceState.FAILED);
        assertThat(m.get("a").reason()).isEqualTo("connect did not finish within 0.5 s");
        assertThat(m.get("a").nextRestart()).isNull();
        assertThat(m.actions(Action.ScheduleRetry.class)).isEmpty();
        assertThat(m.reply()).isEqualTo(Outcome.failed("a failed to start: connect did not finish within 0.5 s"));
    }

    @Test
    void aConfigurationMistakeIsNotRetried() {
        Machine m = new Machine().with(spec("a", Restart.ALWAYS, 0)).fire(new Event.Start("a", false));
        m.fire(new Event.OpenFailed("a", 1, "missing required parameter `port` (int)", false, "a: missing required parameter `port` (int)"));
        assertThat(m.get("a").state()).isEqualTo(ServiceState.FAILED);
        assertThat(m.actions(Action.ScheduleRetry.class)).isEmpty();
    }

    @Test
    void lostInstrumentRestartsWithDoublingBackOffThenGivesUp() {
        Machine m = new Machine().with(spec("a", Restart.ON_FAILURE, 2)).running("a");
        List<Long> delays = new java.util.ArrayList<>();
        for (int round = 0; round < 3; round++) {
            m.fire(new Event.Failed("a", m.generation("a"), "lost"));
            assertThat(m.get("a").state()).isEqualTo(ServiceState.FAILED);
            assertThat(m.state.startOrder()).isEmpty();
            assertThat(m.actions(Action.Withdraw.class)).hasSize(1);
            assertThat(m.actions(Action.Discard.class)).extracting(Action.Discard::running).containsExactly(INSTANCE);
            List<Action.ScheduleRetry> retry = m.actions(Action.ScheduleRetry.class);
            if (retry.isEmpty()) {
                break;
            }
            delays.add(retry.get(0).delayMs());
            assertThat(m.get("a").nextRestart()).isEqualTo(m.now.plusMillis(retry.get(0).delayMs()));
            m.later(Duration.ofMillis(retry.get(0).delayMs())).fire(new Event.RetryDue("a", retry.get(0).generation()));
            assertThat(m.get("a").nextRestart()).isNull();
            m.fire(new Event.Opened("a", m.generation("a"), INSTANCE));
        }
        assertThat(delays).containsExactly(1000L, 2000L);
        ServiceRecord gaveUp = m.get("a");
        assertThat(gaveUp.restarts()).isEqualTo(2);
        assertThat(gaveUp.nextRestart()).isNull();
        assertThat(gaveUp.reason()).isEqualTo("lost (gave up after 2 restarts; `pyrolab start a` tries again)");
        m.fire(new Event.Start("a", true));
        assertThat(m.get("a").restarts()).as("a start by hand clears the count").isZero();
    }

    @Test
    void backOffStopsDoublingAtOneMinuteAndALongRunStartsItAgain() {
        Machine m = new Machine().with(spec("a", Restart.ALWAYS, 0)).running("a");
        long last = 0;
        for (int i = 0; i < 9; i++) {
            m.fire(new Event.Failed("a", m.generation("a"), "lost"));
            Action.ScheduleRetry retry = m.actions(Action.ScheduleRetry.class).get(0);
            last = retry.delayMs();
            m.fire(new Event.RetryDue("a", retry.generation())).fire(new Event.Opened("a", m.generation("a"), INSTANCE));
        }
        assertThat(last).isEqualTo(60_000);
        m.later(Transitions.HEALTHY_RUN).fire(new Event.Failed("a", m.generation("a"), "lost"));
        assertThat(m.actions(Action.ScheduleRetry.class).get(0).delayMs()).isEqualTo(1000);
    }

    @Test
    void pingsAreDueByIntervalAndAFailedPingFails() {
        Machine m = new Machine().with(Machine.pinged("a", 2)).running("a");
        m.later(Duration.ofSeconds(1)).fire(new Event.Tick());
        assertThat(m.actions).isEmpty();
        m.later(Duration.ofMillis(1001)).fire(new Event.Tick());
        assertThat(m.actions(Action.Ping.class)).extracting(Action.Ping::name).containsExactly("a");
        m.later(Duration.ofSeconds(5)).fire(new Event.Tick());
        assertThat(m.actions).as("one ping at a time").isEmpty();
        m.fire(new Event.PingDone("a", m.generation("a"), "ping failed: gone"));
        assertThat(m.get("a").state()).isEqualTo(ServiceState.FAILED);
        assertThat(m.get("a").reason()).isEqualTo("ping failed: gone");
        assertThat(m.get("a").pinging()).isFalse();
    }

    @Test
    void aLossReportedDuringConnectCountsOnceRunning() {
        Machine m = new Machine().with(spec("a", Restart.NEVER, 0)).fire(new Event.Start("a", false));
        m.fire(new Event.Failed("a", 1, "lost while connecting"));
        assertThat(m.get("a").state()).isEqualTo(ServiceState.STARTING);
        m.fire(new Event.Opened("a", 1, INSTANCE));
        assertThat(m.get("a").state()).isEqualTo(ServiceState.FAILED);
        assertThat(m.get("a").reason()).isEqualTo("lost while connecting");
        assertThat(m.actions(Action.Discard.class)).hasSize(1);
    }

    @Test
    void stopClosesThenAnswers() {
        Machine m = new Machine().with(spec("a", Restart.ALWAYS, 0)).running("a").fire(new Event.Stop("a", ServiceState.STOPPED, null));
        long gen = m.generation("a");
        assertThat(m.get("a").state()).isEqualTo(ServiceState.STOPPING);
        assertThat(m.get("a").wanted()).isFalse();
        assertThat(m.actions).containsExactly(new Action.Withdraw("a"), new Action.Close("a", gen, INSTANCE, 500, ServiceState.STOPPED, null));
        m.fire(new Event.Closed("a", gen, ServiceState.STOPPED, null, null));
        assertThat(m.get("a").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(m.reply()).isEqualTo(Outcome.of("a", Change.STOPPED));
    }

    @Test
    void aHungCloseFailsTheStopWithoutARestart() {
        Machine m = new Machine().with(spec("a", Restart.ALWAYS, 0)).running("a").fire(new Event.Stop("a", ServiceState.STOPPED, null));
        m.fire(new Event.Closed("a", m.generation("a"), ServiceState.STOPPED, null, "close did not finish within 0.5 s; the driver was abandoned"));
        assertThat(m.get("a").state()).isEqualTo(ServiceState.FAILED);
        assertThat(m.get("a").nextRestart()).isNull();
        assertThat(m.reply().ok()).isFalse();
    }

    @Test
    void stopWhileStartingAbandonsTheAttemptAndItsLateInstanceIsClosed() {
        Machine m = new Machine().with(spec("a", Restart.NEVER, 0)).fire(new Event.Start("a", false));
        m.fire(new Event.Stop("a", ServiceState.STOPPED, null));
        assertThat(m.get("a").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(((Answer.Now) m.answer).outcome()).isEqualTo(Outcome.of("a", Change.STOPPED));
        m.fire(new Event.Opened("a", 1, INSTANCE));
        assertThat(m.get("a").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(m.actions(Action.Discard.class)).hasSize(1);
        assertThat(m.reply()).isEqualTo(Outcome.of("a", Change.STOPPED_WHILE_STARTING));
    }

    @Test
    void stopCancelsAPendingRestartAndALateTimerIsIgnored() {
        Machine m = new Machine().with(spec("a", Restart.ALWAYS, 0)).running("a");
        m.fire(new Event.Failed("a", m.generation("a"), "lost"));
        long retryGeneration = m.actions(Action.ScheduleRetry.class).get(0).generation();
        m.fire(new Event.Stop("a", ServiceState.STOPPED, null));
        assertThat(m.actions).containsExactly(new Action.CancelRetry("a"));
        assertThat(m.get("a").nextRestart()).isNull();
        m.fire(new Event.RetryDue("a", retryGeneration));
        assertThat(m.get("a").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(m.actions).isEmpty();
    }

    @Test
    void aDriverThatLeavesParksItsServiceWaiting() {
        Machine m = new Machine().with(spec("a", Restart.NEVER, 0)).running("a").fire(new Event.Stop("a", ServiceState.WAITING, "driver gone"));
        m.fire(new Event.Closed("a", m.generation("a"), ServiceState.WAITING, "driver gone", null));
        assertThat(m.get("a").state()).isEqualTo(ServiceState.WAITING);
        assertThat(m.get("a").reason()).isEqualTo("driver gone");
        assertThat(m.get("a").wanted()).as("still wanted: it comes back with its driver").isTrue();
        m.fire(new Event.DriverArrived(Machine.SIM));
        assertThat(m.get("a").state()).isEqualTo(ServiceState.STARTING);
    }

    @Test
    void downStopsTheLastStartedFirstThenWhateverElseIsActive() {
        Machine m = new Machine().with(spec("a", Restart.ALWAYS, 0), spec("b", Restart.ALWAYS, 0), spec("c", Restart.ALWAYS, 0),
                spec("d", Restart.ALWAYS, 0));
        m.running("b").running("a").fire(new Event.Start("c", false)).fire(new Event.ShutDown());
        assertThat(((Answer.Order) m.answer).names()).containsExactly("a", "b", "c");
        assertThat(m.state.records().values()).noneMatch(ServiceRecord::wanted);
    }

    @Test
    void replaceReportsTheDifferenceAndKeepsGoneRecordsUntilForgotten() {
        Machine m = new Machine().with(spec("same", Restart.NEVER, 0), spec("changed", Restart.NEVER, 0), spec("gone", Restart.NEVER, 0));
        m.with(spec("same", Restart.NEVER, 0), spec("changed", Restart.ALWAYS, 0), spec("new", Restart.NEVER, 0));
        assertThat(((Answer.Diff) m.answer).changes())
                .isEqualTo(new Answer.Changes(List.of("new"), List.of("gone"), List.of("changed")));
        assertThat(m.get("changed").spec().restart()).as("taken once stopped").isEqualTo(Restart.NEVER);
        assertThat(m.state.records()).containsKey("gone");
        m.fire(new Event.Forget("gone"));
        assertThat(m.state.records()).doesNotContainKey("gone");
    }

    @Test
    void anUnknownNameIsRefusedWithTheConfiguredOnes() {
        Machine m = new Machine().with(spec("a", Restart.NEVER, 0));
        assertThatThrownBy(() -> m.fire(new Event.Start("zz", true))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("there is no service `zz`; configured: a");
    }
}
