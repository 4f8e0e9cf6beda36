package io.workbench.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class MessageSignerTest {
    private static final String KEY = "0123456789abcdef";
    private final byte[] header = utf8("{\"msg_id\":\"1\",\"msg_type\":\"kernel_info_request\"}");
    private final byte[] parent = utf8("{}");
    private final byte[] metadata = utf8("{}");
    private final byte[] content = utf8("{\"code\":\"1 + 1\"}");

    @Test
    void signatureIsTheHmacSha256OfTheFourPartsInOrder() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(utf8(KEY), "HmacSHA256"));
        mac.update(header);
        mac.update(parent);
        mac.update(metadata);
        mac.update(content);
        String expected = HexFormat.of().formatHex(mac.doFinal());

        MessageSigner signer = new MessageSigner(KEY, "hmac-sha256");
        assertTrue(signer.enabled());
        assertEquals(expected, signer.sign(header, parent, metadata, content));
        assertNotEquals(expected, signer.sign(content, parent, metadata, header), "part order must matter");
    }

    @Test
    void signedMessageVerifies() {
        MessageSigner sender = new MessageSigner(KEY, "hmac-sha256");
        MessageSigner receiver = new MessageSigner(KEY, "hmac-sha256");
        byte[] signature = utf8(sender.sign(header, parent, metadata, content));
        assertDoesNotThrow(() -> receiver.verify(signature, header, parent, metadata, content));
    }

    @Test
    void tamperedContentByteFails() {
        MessageSigner signer = new MessageSigner(KEY, "hmac-sha256");
        byte[] signature = utf8(signer.sign(header, parent, metadata, content));
        byte[] tampered = content.clone();
        tampered[tampered.length - 3] ^= 1;
        InvalidMessageException e = assertThrows(InvalidMessageException.class,
                () -> signer.verify(signature, header, parent, metadata, tampered));
        assertTrue(e.getMessage().contains("invalid signature"), e.getMessage());
    }

    @Test
    void signatureFromAnotherKeyFails() {
        byte[] signature = utf8(new MessageSigner("another key", "hmac-sha256").sign(header, parent, metadata, content));
        MessageSigner signer = new MessageSigner(KEY, "hmac-sha256");
        assertThrows(InvalidMessageException.class, () -> signer.verify(signature, header, parent, metadata, content));
        assertThrows(InvalidMessageException.class, () -> signer.verify(new byte[0], header, parent, metadata, content));
    }

    @Test
    void replayedSignatureIsRejected() throws Exception {
        MessageSigner sender = new MessageSigner(KEY, "hmac-sha256");
        MessageSigner receiver = new MessageSigner(KEY, "hmac-sha256");
        byte[] signature = utf8(sender.sign(header, parent, metadata, content));
        receiver.verify(signature, header, parent, metadata, content);
        InvalidMessageException e = assertThrows(InvalidMessageException.class,
                () -> receiver.verify(signature, header, parent, metadata, content));
        assertTrue(e.getMessage().contains("replayed"), e.getMessage());

        byte[] otherHeader = utf8("{\"msg_id\":\"2\",\"msg_type\":\"kernel_info_request\"}");
        byte[] other = utf8(sender.sign(otherHeader, parent, metadata, content));
        assertDoesNotThrow(() -> receiver.verify(other, otherHeader, parent, metadata, content));
    }

    @Test
    void emptyKeyDisablesSigning() {
        for (MessageSigner signer : new MessageSigner[] {new MessageSigner("", "hmac-sha256"),
                new MessageSigner(null, null)}) {
            assertFalse(signer.enabled());
            assertEquals("", signer.sign(header, parent, metadata, content));
            assertDoesNotThrow(() -> signer.verify(new byte[0], header, parent, metadata, content));
            assertDoesNotThrow(() -> signer.verify(new byte[0], header, parent, metadata, content),
                    "without signatures there is nothing to count as a replay");
        }
    }

    @Test
    void unsupportedSchemeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MessageSigner(KEY, "hmac-md5"));
        assertTrue(e.getMessage().contains("hmac-md5"), e.getMessage());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
