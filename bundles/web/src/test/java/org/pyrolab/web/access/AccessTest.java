package org.pyrolab.web.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tokens work once and for five minutes; sessions are bounded in number and idle time. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AccessTest {

    /** A clock the test moves. */
    private static final class Hands extends Clock {
        Instant now = Instant.parse("2026-01-02T03:04:05Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final Hands clock = new Hands();
    private final Access access = new Access(clock);

    @Test
    void aTokenIsRandomLongEnoughAndWorksOnce() {
        String token = access.token();
        assertThat(Base64.getUrlDecoder().decode(token)).hasSizeGreaterThanOrEqualTo(16);
        assertThat(access.token()).isNotEqualTo(token);
        String session = access.login(token);
        assertThat(session).isNotNull().isNotEqualTo(token);
        assertThat(access.check(session)).isTrue();
        assertThat(access.login(token)).as("spent").isNull();
        assertThat(access.check(token)).as("a token is no session").isFalse();
    }

    @Test
    void unknownOrMissingTokensAndSessionsAreRefused() {
        assertThat(access.login(null)).isNull();
        assertThat(access.login("")).isNull();
        assertThat(access.login("made-up")).isNull();
        assertThat(access.check(null)).isFalse();
        assertThat(access.check("made-up")).isFalse();
    }

    @Test
    void aTokenExpiresAfterFiveMinutes() {
        String early = access.token();
        String late = access.token();
        clock.now = clock.now.plus(Access.TOKEN_LIFE).minusSeconds(1);
        assertThat(access.login(early)).isNotNull();
        clock.now = clock.now.plusSeconds(1);
        assertThat(access.login(late)).isNull();
    }

    @Test
    void atMost32TokensWaitTheOldestGoesFirst() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < Access.MAX_TOKENS + 1; i++) {
            tokens.add(access.token());
        }
        assertThat(access.sizes().get("tokens")).isEqualTo(Access.MAX_TOKENS);
        assertThat(access.login(tokens.get(0))).isNull();
        assertThat(access.login(tokens.get(1))).isNotNull();
        assertThat(access.login(tokens.get(Access.MAX_TOKENS))).isNotNull();
    }

    @Test
    void aSessionEndsAfter12HoursUnusedAndUseKeepsItOpen() {
        String session = access.login(access.token());
        clock.now = clock.now.plus(Access.SESSION_IDLE).minusSeconds(1);
        assertThat(access.check(session)).isTrue();
        clock.now = clock.now.plus(Access.SESSION_IDLE).minusSeconds(1);
        assertThat(access.check(session)).as("used 12 h - 1 s ago").isTrue();
        clock.now = clock.now.plus(Access.SESSION_IDLE);
        assertThat(access.check(session)).isFalse();
    }

    @Test
    void sessionsAreBoundedTheLeastRecentlyUsedGoesFirst() {
        String kept = access.login(access.token());
        String dropped = access.login(access.token());
        for (int i = 0; i < Access.MAX_SESSIONS - 2; i++) {
            clock.now = clock.now.plus(Duration.ofSeconds(1));
            access.login(access.token());
        }
        assertThat(access.check(kept)).isTrue(); // now the most recently used
        access.login(access.token());
        assertThat(access.sizes().get("sessions")).isEqualTo(Access.MAX_SESSIONS);
        assertThat(access.check(dropped)).isFalse();
        assertThat(access.check(kept)).isTrue();
    }

    @Test
    void tokensDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Access.random())).isTrue();
        }
    }

    @Test
    void theCookieIsHttpOnlySameSiteStrictAndSecureOverHttps() {
        assertThat(Gate.cookie("abc", false)).isEqualTo("pyrolab-session=abc; Path=/; HttpOnly; SameSite=Strict");
        assertThat(Gate.cookie("abc", true)).isEqualTo("pyrolab-session=abc; Path=/; HttpOnly; SameSite=Strict; Secure");
    }

    @Test
    void theTokenIsReadFromTheQueryOnly() {
        assertThat(Gate.query("token=abc", "token")).isEqualTo("abc");
        assertThat(Gate.query("x=1&token=a%2Bb", "token")).isEqualTo("a+b");
        assertThat(Gate.query("tokens=abc", "token")).isNull();
        assertThat(Gate.query(null, "token")).isNull();
        assertThat(Gate.query("token", "token")).isEmpty();
        assertThat(Gate.query("token=%zz", "token")).isEmpty();
    }
}
