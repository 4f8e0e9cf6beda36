package io.workbench.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;

/**
 * The event schemas, from {@code avro/ecommerce-event-v*.avsc} in this jar. Records carry a
 * {@value #VERSION_HEADER} header ("1" or "2") that names their writer schema; a reader of v2 reads v1 records
 * with Avro schema resolution (referrer becomes null). See docs/events.md.
 */
public final class EventSchemas {
    public static final String VERSION_HEADER = "schema_version";
    public static final Schema V1 = load("ecommerce-event-v1.avsc");
    public static final Schema V2 = load("ecommerce-event-v2.avsc");

    private EventSchemas() {
    }

    public static Schema version(int v) {
        return switch (v) {
            case 1 -> V1;
            case 2 -> V2;
            default -> throw new IllegalArgumentException("no event schema version " + v + "; there are 1 and 2");
        };
    }

    /** The schema as JSON text, for Spark's from_avro. */
    public static String json(int v) {
        return version(v).toString();
    }

    private static Schema load(String name) {
        try (InputStream in = EventSchemas.class.getResourceAsStream("/avro/" + name)) {
            return new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
