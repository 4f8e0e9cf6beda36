package io.workbench.server.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/** A decoded Avro value as JSON, guided by its schema: enums as symbols, timestamp-millis as ISO-8601 instants. */
final class AvroJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AvroJson() {
    }

    static JsonNode of(Object value, Schema schema) {
        if (value == null) {
            return JSON.nullNode();
        }
        return switch (schema.getType()) {
            case UNION -> of(value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
            case RECORD -> record((IndexedRecord) value);
            case ARRAY -> {
                ArrayNode a = JSON.arrayNode();
                ((Collection<?>) value).forEach(v -> a.add(of(v, schema.getElementType())));
                yield a;
            }
            case MAP -> {
                ObjectNode o = JSON.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> o.set(k.toString(), of(v, schema.getValueType())));
                yield o;
            }
            case LONG -> timestampMillis(schema.getLogicalType()) ? JSON.textNode(Instant.ofEpochMilli((Long) value).toString())
                    : JSON.numberNode((Long) value);
            case INT -> JSON.numberNode((Integer) value);
            case DOUBLE -> JSON.numberNode((Double) value);
            case FLOAT -> JSON.numberNode((Float) value);
            case BOOLEAN -> JSON.booleanNode((Boolean) value);
            case BYTES -> JSON.textNode(Base64.getEncoder().encodeToString(bytes((ByteBuffer) value)));
            case FIXED -> JSON.textNode(Base64.getEncoder().encodeToString(((GenericFixed) value).bytes()));
            case NULL -> JSON.nullNode();
            default -> JSON.textNode(value.toString()); // STRING (Utf8) and ENUM (symbol)
        };
    }

    static ObjectNode record(IndexedRecord record) {
        ObjectNode o = JSON.objectNode();
        for (Schema.Field f : record.getSchema().getFields()) {
            o.set(f.name(), of(record.get(f.pos()), f.schema()));
        }
        return o;
    }

    private static boolean timestampMillis(LogicalType t) {
        return t != null && "timestamp-millis".equals(t.getName());
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
