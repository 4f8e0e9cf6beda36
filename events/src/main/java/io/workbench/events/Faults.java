package io.workbench.events;

/**
 * Fault knobs for realistic tests, each a fraction of events (0 to 1). Late events move their event time back:
 * beyond the watermark by more than {@code watermarkMillis}, within it by less. Out-of-order events move by up
 * to {@code disorderMillis} either way. Duplicates are sent twice. Poison records are, in turn, bytes that are
 * not Avro, truncated Avro, Avro with a required field null, and events with an absurd timestamp.
 */
public record Faults(double lateBeyondWatermark, double lateWithinWatermark, long watermarkMillis, double outOfOrder,
                     long disorderMillis, double duplicates, double poison) {

    public static final Faults NONE = new Faults(0, 0, 300_000, 0, 0, 0, 0);

    public Faults {
        for (double f : new double[] {lateBeyondWatermark, lateWithinWatermark, outOfOrder, duplicates, poison}) {
            if (f < 0 || f > 1) {
                throw new IllegalArgumentException("fault fractions must be between 0 and 1, got " + f);
            }
        }
    }

    public Faults withLate(double beyond, double within, long watermarkMillis) {
        return new Faults(beyond, within, watermarkMillis, outOfOrder, disorderMillis, duplicates, poison);
    }

    public Faults withOutOfOrder(double fraction, long maxMillis) {
        return new Faults(lateBeyondWatermark, lateWithinWatermark, watermarkMillis, fraction, maxMillis, duplicates, poison);
    }

    public Faults withDuplicates(double fraction) {
        return new Faults(lateBeyondWatermark, lateWithinWatermark, watermarkMillis, outOfOrder, disorderMillis, fraction, poison);
    }

    public Faults withPoison(double fraction) {
        return new Faults(lateBeyondWatermark, lateWithinWatermark, watermarkMillis, outOfOrder, disorderMillis, duplicates, fraction);
    }

    /** Kinds of poison records, in the order they are produced. */
    public enum Poison {
        NOT_AVRO, TRUNCATED_AVRO, NULL_REQUIRED_FIELD, ABSURD_TIMESTAMP
    }
}
