package io.workbench.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Avro binary encoding of events with schema v1 or v2 (plain Avro, no registry prefix; the writer version goes
 * in a record header). Reuses its record, buffer and encoder. Not thread-safe.
 */
public final class EventEncoder {
    private final Schema schema;
    private final GenericData.Record record;
    private final GenericData.EnumSymbol[] types;
    private final GenericData.EnumSymbol[] devices;
    private final GenericDatumWriter<GenericRecord> writer;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private BinaryEncoder encoder;
    private final boolean v2;

    public EventEncoder(int version) {
        this.schema = EventSchemas.version(version);
        this.v2 = version == 2;
        this.record = new GenericData.Record(schema);
        this.writer = new GenericDatumWriter<>(schema);
        Schema typeSchema = schema.getField("event_type").schema();
        this.types = new GenericData.EnumSymbol[Event.TYPES.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = new GenericData.EnumSymbol(typeSchema, Event.TYPES[i]);
        }
        Schema deviceSchema = schema.getField("device").schema();
        this.devices = new GenericData.EnumSymbol[Event.DEVICES.length];
        for (int i = 0; i < devices.length; i++) {
            devices[i] = new GenericData.EnumSymbol(deviceSchema, Event.DEVICES[i]);
        }
    }

    public byte[] encode(Event e) {
        record.put(0, e.eventId);
        record.put(1, types[e.type]);
        record.put(2, e.userId);
        record.put(3, e.sessionId);
        record.put(4, e.timestamp);
        record.put(5, devices[e.device]);
        record.put(6, e.location);
        record.put(7, e.productId);
        record.put(8, e.productCategory);
        record.put(9, e.amount);
        record.put(10, e.quantity);
        record.put(11, e.searchQuery);
        if (v2) {
            record.put(12, e.referrer);
        }
        buffer.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        try {
            writer.write(record, encoder);
        } catch (IOException e1) {
            throw new UncheckedIOException(e1);
        }
        return buffer.toByteArray();
    }

    /** Decodes bytes written with {@code writerVersion}, reading them as v2 (referrer is null for v1). */
    public static GenericRecord decode(byte[] bytes, int writerVersion) throws IOException {
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(EventSchemas.version(writerVersion),
                EventSchemas.V2);
        return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }
}
