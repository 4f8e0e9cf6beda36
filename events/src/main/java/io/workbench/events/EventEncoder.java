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
    private final Bytes buffer = new Bytes();
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

    /**
     * The event in Avro binary, written field by field in the schema's order (unions are [null, T]: index 0 for
     * null, 1 then the value). Byte for byte what a GenericDatumWriter writes (EventEncoderTest checks it), at a
     * fraction of the cost: no record, no union resolution per field.
     */
    public byte[] encode(Event e) {
        buffer.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        try {
            encoder.writeString(e.eventId);
            encoder.writeEnum(e.type);
            encoder.writeString(e.userId);
            encoder.writeString(e.sessionId);
            encoder.writeLong(e.timestamp);
            encoder.writeEnum(e.device);
            encoder.writeString(e.location);
            optional(e.productId);
            optional(e.productCategory);
            if (e.amount == null) {
                encoder.writeIndex(0);
            } else {
                encoder.writeIndex(1);
                encoder.writeDouble(e.amount);
            }
            if (e.quantity == null) {
                encoder.writeIndex(0);
            } else {
                encoder.writeIndex(1);
                encoder.writeInt(e.quantity);
            }
            optional(e.searchQuery);
            if (v2) {
                optional(e.referrer);
            }
        } catch (IOException e1) {
            throw new UncheckedIOException(e1);
        }
        return buffer.toByteArray();
    }

    private void optional(String value) throws IOException {
        if (value == null) {
            encoder.writeIndex(0);
        } else {
            encoder.writeIndex(1);
            encoder.writeString(value);
        }
    }

    /** The same bytes through Avro's generic writer: the reference {@link #encode} is checked against. */
    byte[] encodeGeneric(Event e) {
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, enc);
        } catch (IOException e1) {
            throw new UncheckedIOException(e1);
        }
        return out.toByteArray();
    }

    /** Decodes bytes written with {@code writerVersion}, reading them as v2 (referrer is null for v1). */
    public static GenericRecord decode(byte[] bytes, int writerVersion) throws IOException {
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(EventSchemas.version(writerVersion),
                EventSchemas.V2);
        return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    /** A growable byte buffer without ByteArrayOutputStream's per-write locking: encoding is per thread anyway. */
    private static final class Bytes extends java.io.OutputStream {
        private byte[] buf = new byte[256];
        private int size;

        void reset() {
            size = 0;
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, size);
        }
    }
}
