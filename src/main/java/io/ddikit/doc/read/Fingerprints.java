package io.ddikit.doc.read;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** {@code sha256:} followed by the first 16 hex digits of the SHA-256 of a text's UTF-8 bytes. */
public final class Fingerprints {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Fingerprints() {
    }

    /** One digest per thread, looked up once: a look-up goes through the security providers. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    public static String of(String text) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        byte[] hash = digest.digest(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder("sha256:");
        for (int i = 0; i < 8; i++) {
            sb.append(HEX[(hash[i] >> 4) & 0xF]).append(HEX[hash[i] & 0xF]);
        }
        return sb.toString();
    }
}
