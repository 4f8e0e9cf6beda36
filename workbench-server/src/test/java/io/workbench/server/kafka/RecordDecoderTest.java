package io.workbench.server.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.workbench.events.Event;
import io.workbench.events.EventEncoder;
import io.workbench.events.EventGenerator;
import io.workbench.events.EventSchemas;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Decoding without a broker: both schema versions, a missing header, and each kind of undecodable value. */
class RecordDecoderTest {
    private final RecordDecoder decoder = new RecordDecoder();
    private final Event event = new EventGenerator(3, () -> 1_700_000_000_000L).next();

    private JsonNode decode(byte[] value, String version) {
        RecordHeaders headers = new RecordHeaders();
        if (version != null) {
            headers.add(new RecordHeader(EventSchemas.VERSION_HEADER, version.getBytes(StandardCharsets.UTF_8)));
        }
        return decoder.toJson(new ConsumerRecord<>("t", 0, 7, 1_700_000_000_123L, TimestampType.CREATE_TIME, -1, -1,
                "k".getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty()));
    }

    @Test
    void decodesBothVersionsIntoTheV2Shape() {
        JsonNode v2 = decode(new EventEncoder(2).encode(event), "2").get("value");
        assertEquals(event.eventId, v2.get("event_id").asText());
        assertEquals(event.typeName(), v2.get("event_type").asText());
        assertEquals("2023-11-14T22:13:20Z", v2.get("timestamp").asText());
        assertEquals(event.referrer, v2.get("referrer").asText());
        JsonNode v1 = decode(new EventEncoder(1).encode(event), null);
        assertEquals(1, v1.get("schema_version").asInt(), "no header reads as v1");
        assertTrue(v1.get("value").get("referrer").isNull());
        assertEquals("k", v1.get("key").asText());
        assertEquals("2023-11-14T22:13:20.123Z", v1.get("timestamp").asText());
    }

    @Test
    void explainsWhyAValueIsNotAnEvent() {
        byte[] good = new EventEncoder(2).encode(event);
        assertDecodeError(decode("{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8), "1"), "not Avro");
        assertDecodeError(decode(Arrays.copyOf(good, good.length / 2), "2"), "truncated");
        assertDecodeError(decode(Arrays.copyOf(good, good.length + 2), "2"), "2 of " + (good.length + 2) + " bytes are left over");
        assertDecodeError(decode(good, "v9"), "unknown schema version 'v9'");
    }

    private static void assertDecodeError(JsonNode r, String reason) {
        assertTrue(r.get("decode_error").asText().contains(reason), r.toString());
        assertFalse(r.has("value"));
        assertTrue(r.get("value_hex").asText().matches("[0-9a-f]{2}( [0-9a-f]{2})*"), r.get("value_hex").asText());
    }
}
