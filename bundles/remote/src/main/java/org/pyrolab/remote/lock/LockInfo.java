package org.pyrolab.remote.lock;

import java.time.Instant;

/**
 * Who holds a lock. Goes to clients as a dict {@code {'user','host','since'}}.
 *
 * @param user       the name given to {@code lock(user)}
 * @param host       the holder's address
 * @param connection the holder's connection id
 * @param since      when the lock was taken
 */
public record LockInfo(String user, String host, String connection, Instant since) {
}
