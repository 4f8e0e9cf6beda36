package io.workbench.server.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.events.EventSchemas;
import io.workbench.server.http.Responses;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A Kafka record as the browser shows it. The value is read as a workbench event with the writer schema its
 * {@value EventSchemas#VERSION_HEADER} header names (v1 when there is none, as the Spark reader assumes), into
 * the v2 shape. A value that is not such an event comes back as base64 with a hex preview and
 * {@code decode_error} saying why. One decoder per request: not thread-safe.
 */
final class RecordDecoder {
    static final int HEX_PREVIEW_BYTES = 64;
    static final int MAX_BASE64_BYTES = 64 * 1024;

    private final Map<Integer, GenericDatumReader<GenericRecord>> readers = Map.of(
            1, new GenericDatumReader<>(EventSchemas.V1, EventSchemas.V2),
            2, new GenericDatumReader<>(EventSchemas.V2, EventSchemas.V2));
    private BinaryDecoder decoder;

    ObjectNode toJson(ConsumerRecord<byte[], byte[]> r) {
        ObjectNode out = Responses.MAPPER.createObjectNode().put("partition", r.partition()).put("offset", r.offset())
                .put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString()).put("timestamp_ms", r.timestamp())
                .put("key", r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8));
        for (Header h : r.headers()) {
            out.withArray("headers").addObject().put("key", h.key())
                    .put("value", h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        if (!out.has("headers")) {
            out.putArray("headers");
        }
        byte[] value = r.value();
        if (value == null) {
            return out.putNull("value").put("value_size", 0);
        }
        out.put("value_size", value.length);
        Header h = r.headers().lastHeader(EventSchemas.VERSION_HEADER);
        String version = h == null || h.value() == null ? "1" : new String(h.value(), StandardCharsets.UTF_8).trim();
        String error;
        if (!version.equals("1") && !version.equals("2")) {
            error = "unknown schema version '" + version + "' in the " + EventSchemas.VERSION_HEADER
                    + " header; the workbench has event schemas 1 and 2";
        } else {
            out.put("schema_version", Integer.parseInt(version));
            error = decode(value, Integer.parseInt(version), out);
            if (error == null) {
                return out;
            }
        }
        out.put("decode_error", error)
                .put("value_base64", Base64.getEncoder().encodeToString(value.length <= MAX_BASE64_BYTES ? value
                        : Arrays.copyOf(value, MAX_BASE64_BYTES)))
                .put("value_hex", HexFormat.ofDelimiter(" ").formatHex(value, 0, Math.min(value.length, HEX_PREVIEW_BYTES)))
                .put("value_truncated", value.length > MAX_BASE64_BYTES);
        return out;
    }

    /** Decodes into {@code out.value}; returns null, or why the bytes are not a v{@code version} event. */
    private String decode(byte[] value, int version, ObjectNode out) {
        try {
            decoder = DecoderFactory.get().binaryDecoder(value, decoder);
            GenericRecord event = readers.get(version).read(null, decoder);
            if (!decoder.isEnd()) {
                int left = decoder.inputStream().available();
                return left + " of " + value.length + " bytes are left over after a v" + version
                        + " event: these bytes are not a workbench event";
            }
            out.set("value", AvroJson.record(event));
            return null;
        } catch (EOFException e) {
            return "truncated: the " + value.length + " bytes end before a complete v" + version + " event";
        } catch (Exception e) {
            return "not Avro of event schema v" + version + ": " + e.getMessage();
        }
    }
}
