package org.pyrolab.web.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One-time login tokens and the sessions they become, as Jupyter does it: {@code pyrolab web}
 * asks for a token, the browser brings it once, and from then on a session cookie. Both are
 * 128 random bits, both are bounded in number (the oldest goes first) and in time.
 */
public final class Access {
    /** How long a login link works. */
    public static final Duration TOKEN_LIFE = Duration.ofMinutes(5);
    /** Links not yet used; a new one beyond these pushes out the oldest. */
    public static final int MAX_TOKENS = 32;
    /** A session unused for this long is over. */
    public static final Duration SESSION_IDLE = Duration.ofHours(12);
    /** Open sessions; a new one beyond these ends the one unused the longest. */
    public static final int MAX_SESSIONS = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    /** token → when it stops working, oldest first. */
    private final LinkedHashMap<String, Instant> tokens = new LinkedHashMap<>();
    /** session → when it was last used, least recently used first. */
    private final LinkedHashMap<String, Instant> sessions = new LinkedHashMap<>(16, 0.75f, true);

    public Access(Clock clock) {
        this.clock = clock;
    }

    public Access() {
        this(Clock.systemUTC());
    }

    /** A new one-time token, valid for {@link #TOKEN_LIFE}. */
    public synchronized String token() {
        Instant now = clock.instant();
        tokens.values().removeIf(expiry -> !expiry.isAfter(now));
        makeRoom(tokens, MAX_TOKENS);
        String token = random();
        tokens.put(token, now.plus(TOKEN_LIFE));
        return token;
    }

    /** Spends a token: a new session's id when it was valid (it is then gone), else null. */
    public synchronized String login(String token) {
        if (token == null) {
            return null;
        }
        Instant expiry = tokens.remove(token);
        Instant now = clock.instant();
        if (expiry == null || !expiry.isAfter(now)) {
            return null;
        }
        sessions.values().removeIf(used -> idle(used, now));
        makeRoom(sessions, MAX_SESSIONS);
        String session = random();
        sessions.put(session, now);
        return session;
    }

    /** Whether {@code session} is open; using it keeps it open. */
    public synchronized boolean check(String session) {
        if (session == null) {
            return false;
        }
        Instant used = sessions.get(session);
        Instant now = clock.instant();
        if (used == null) {
            return false;
        }
        if (idle(used, now)) {
            sessions.remove(session);
            return false;
        }
        sessions.put(session, now);
        return true;
    }

    /** Counts, for tests and the log. */
    public synchronized Map<String, Integer> sizes() {
        return Map.of("tokens", tokens.size(), "sessions", sessions.size());
    }

    /** Removes the first entries (the oldest, or the least recently used) until one more fits within {@code max}. */
    private static void makeRoom(LinkedHashMap<String, Instant> map, int max) {
        Iterator<String> first = map.keySet().iterator();
        while (map.size() >= max) {
            first.next();
            first.remove();
        }
    }

    private static boolean idle(Instant used, Instant now) {
        return !used.plus(SESSION_IDLE).isAfter(now);
    }

    /** 128 random bits, URL-safe. */
    static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
