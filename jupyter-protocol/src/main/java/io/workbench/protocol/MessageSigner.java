package io.workbench.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures over header, parent header, metadata and content, as the connection file's key
 * prescribes. An empty key disables signing, as Jupyter allows. Verification is constant-time and also
 * rejects a signature seen recently, so a captured message cannot be replayed. Thread-safe.
 */
public final class MessageSigner {
    private static final int REPLAY_WINDOW = 4096;

    private final SecretKeySpec key;
    private final Map<String, Boolean> recent = new LinkedHashMap<>(REPLAY_WINDOW, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REPLAY_WINDOW;
        }
    };

    public MessageSigner(String key, String scheme) {
        if (scheme != null && !scheme.isEmpty() && !"hmac-sha256".equals(scheme)) {
            throw new IllegalArgumentException("unsupported signature scheme " + scheme + "; use hmac-sha256");
        }
        this.key = key == null || key.isEmpty() ? null
                : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public boolean enabled() {
        return key != null;
    }

    /** The hex signature of the four JSON parts, or "" when signing is off. */
    public String sign(byte[] header, byte[] parent, byte[] metadata, byte[] content) {
        if (key == null) {
            return "";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(header);
            mac.update(parent);
            mac.update(metadata);
            mac.update(content);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Checks a received signature; throws with a reason when it is wrong, missing or replayed. */
    public void verify(byte[] signature, byte[] header, byte[] parent, byte[] metadata, byte[] content)
            throws InvalidMessageException {
        if (key == null) {
            return;
        }
        String expected = sign(header, parent, metadata, content);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature)) {
            throw new InvalidMessageException("invalid signature");
        }
        synchronized (recent) {
            if (recent.putIfAbsent(expected, Boolean.TRUE) != null) {
                throw new InvalidMessageException("replayed signature");
            }
        }
    }
}
