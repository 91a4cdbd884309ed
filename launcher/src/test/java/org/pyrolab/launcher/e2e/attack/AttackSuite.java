package org.pyrolab.launcher.e2e.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * One real installation per attack class ({@link AttackLab}), what each attack leaves open, and
 * the check that the daemon survived it. The daemon's logs are kept under
 * {@code target/attack-logs/<class>/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AttackSuite {
    /** Far beyond any message deadline: a read that waits this long means a hung connection. */
    static final int READ_TIMEOUT_MS = 15_000;

    AttackLab lab;
    final List<AutoCloseable> open = Collections.synchronizedList(new ArrayList<>());
    ExecutorService attackers;

    @BeforeAll
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void startLab() throws Exception {
        lab = AttackLab.start();
    }

    @AfterAll
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void stopLab() throws Exception {
        if (lab != null) {
            lab.close(getClass().getSimpleName());
        }
    }

    @BeforeEach
    void newAttackers() {
        attackers = Executors.newCachedThreadPool();
    }

    @AfterEach
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void closeEverything() throws Exception {
        attackers.shutdownNow();
        closeOpen();
        assertThat(attackers.awaitTermination(30, TimeUnit.SECONDS)).as("attack threads ended").isTrue();
    }

    void closeOpen() throws Exception {
        synchronized (open) {
            for (AutoCloseable c : open) {
                c.close();
            }
            open.clear();
        }
    }

    /** Closes what the attack left open, then every check of survival, and waits until nothing of the attack is left. */
    void assertSurvived() throws Exception {
        closeOpen();
        lab.assertSurvivedAndIdle();
    }
}
