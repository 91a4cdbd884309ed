package org.pyrolab.pyro5.tls;

import java.io.ByteArrayOutputStream;

/**
 * The little DER that turning a PKCS#1 or SEC1 key into PKCS#8 needs: read one element's
 * header, write a tag with its length. The JDK reads PKCS#8 only; these two formats are what
 * {@code openssl genrsa} and {@code openssl ecparam -genkey} write.
 */
final class Der {

    static final int SEQUENCE = 0x30;
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;

    /** rsaEncryption, 1.2.840.113549.1.1.1 */
    static final byte[] RSA_ENCRYPTION = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    /** id-ecPublicKey, 1.2.840.10045.2.1 */
    static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private Der() {
    }

    /** One element: tag, where its content starts, and how long it is. */
    record Element(int tag, int start, int length) {
        int end() {
            return start + length;
        }
    }

    /** Reads the element at {@code at}; throws IllegalArgumentException on anything malformed. */
    static Element read(byte[] der, int at) {
        if (at + 2 > der.length) {
            throw new IllegalArgumentException("truncated");
        }
        int tag = der[at] & 0xff;
        int len = der[at + 1] & 0xff;
        int start = at + 2;
        if (len >= 0x80) {
            int n = len & 0x7f;
            if (n == 0 || n > 3 || start + n > der.length) {
                throw new IllegalArgumentException("bad length");
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (der[start + i] & 0xff);
            }
            start += n;
        }
        if (start + len > der.length) {
            throw new IllegalArgumentException("truncated");
        }
        return new Element(tag, start, len);
    }

    static byte[] element(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = content.size();
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    /** PrivateKeyInfo around a PKCS#1 RSAPrivateKey. */
    static byte[] pkcs8FromPkcs1(byte[] pkcs1) {
        return element(SEQUENCE, new byte[] {INTEGER, 1, 0}, element(SEQUENCE, RSA_ENCRYPTION, new byte[] {NULL, 0}),
                element(OCTET_STRING, pkcs1));
    }

    /** PrivateKeyInfo around a SEC1 ECPrivateKey, with the curve taken from its {@code [0] parameters}. */
    static byte[] pkcs8FromSec1(byte[] sec1) {
        Element outer = read(sec1, 0);
        if (outer.tag() != SEQUENCE) {
            throw new IllegalArgumentException("not a SEQUENCE");
        }
        int at = outer.start();
        byte[] curve = null;
        while (at < outer.end()) {
            Element e = read(sec1, at);
            if (e.tag() == 0xa0) { // [0] ECParameters: the named curve's OID
                Element oid = read(sec1, e.start());
                if (oid.tag() != OID) {
                    throw new IllegalArgumentException("explicit curve parameters are not supported; use a named curve");
                }
                curve = java.util.Arrays.copyOfRange(sec1, e.start(), oid.end());
            }
            at = e.end();
        }
        if (curve == null) {
            throw new IllegalArgumentException("the EC key does not name its curve");
        }
        return element(SEQUENCE, new byte[] {INTEGER, 1, 0}, element(SEQUENCE, EC_PUBLIC_KEY, curve), element(OCTET_STRING, sec1));
    }
}
