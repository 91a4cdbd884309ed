package org.pyrolab.remote.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * This daemon's identity on name servers: a random token kept in {@code <data folder>/identity}
 * (owner-only), sent in the CONNECT handshake of its registrations. A name server keeps only its
 * digest and lets no other identity replace or remove the names registered with it while their
 * endpoint answers. The same file across restarts, so a restarted daemon still owns its names.
 */
final class DaemonIdentity {
    private DaemonIdentity() {
    }

    static String loadOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                String token = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (token.length() >= 32) {
                    return token;
                }
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String token = HexFormat.of().formatHex(bytes);
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(temp);
            try {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temp); // Windows: the data folder is the user's own already
            }
            Files.writeString(temp, token, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return token;
        } catch (FileAlreadyExistsException e) {
            return loadOrCreate(file);
        } catch (IOException e) {
            // without a file the names are owned until the daemon restarts; still better than nobody
            System.getLogger(DaemonIdentity.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot keep this daemon's identity in {0}: {1}; using one for this run only", file, e.getMessage());
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }
    }
}
