package org.pyrolab.daemon.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;

import org.pyrolab.control.AtomicFile;

/**
 * A fresh secret for each daemon run, in a file only its owner can read (POSIX mode 0600, or an
 * ACL granting the owner alone on Windows): another user of the computer cannot drive the daemon.
 */
final class ControlToken {
    private ControlToken() {
    }

    static String create(Path file) throws IOException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        boolean posix = Files.getFileStore(file.getParent()).supportsFileAttributeView("posix");
        // the temporary file is 0600 from the start on POSIX (and given an owner-only ACL elsewhere) before the
        // secret goes in, so there is no moment at which others could read it; the rename keeps the mode
        AtomicFile.write(file, token.getBytes(StandardCharsets.US_ASCII), temporary -> {
            if (!posix) {
                ownerOnly(temporary);
            }
        });
        return token;
    }

    static void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    private static void ownerOnly(Path file) throws IOException {
        AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (acl == null) {
            return;
        }
        UserPrincipal owner = Files.getOwner(file);
        AclEntry entry = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
        acl.setAcl(List.of(entry));
    }
}
