package org.pyrolab.client;

/**
 * Who holds an instrument's lock, as its {@code lockinfo()} reports it.
 *
 * @param user  the name given to {@code lock(user)}
 * @param host  the holder's address
 * @param since when the lock was taken, as the server wrote it (ISO-8601 for PyroLab)
 */
public record LockInfo(String user, String host, String since) {
}
