package io.workbench.events;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Applies the fault knobs to one generated event and returns what to send: its key, the value or values
 * (two for a duplicate), its schema version, and the fault name if any (sent in the {@value #FAULT_HEADER}
 * header, which tests may read; consumers must not need it).
 */
final class FaultInjector {
    static final String FAULT_HEADER = "workbench_fault";

    record Out(byte[] key, List<byte[]> values, int version, String fault) {
    }

    private final Faults faults;
    private final SplittableRandom random;
    private int nextPoison;

    FaultInjector(Faults faults, SplittableRandom random) {
        this.faults = faults;
        this.random = random;
    }

    Out apply(Event e, EventEncoder encoder, int version) {
        byte[] key = e.userId.getBytes(StandardCharsets.UTF_8);
        if (faults == Faults.NONE) {
            return new Out(key, List.of(encoder.encode(e)), version, null);
        }
        String fault = null;
        double u = random.nextDouble();
        if (u < faults.poison()) {
            Faults.Poison kind = Faults.Poison.values()[nextPoison++ % Faults.Poison.values().length];
            return new Out(key, List.of(poison(kind, e, encoder)), version, "poison:" + kind.name().toLowerCase());
        }
        u -= faults.poison();
        if (u < faults.lateBeyondWatermark()) {
            e.timestamp -= faults.watermarkMillis() + 60_000 + random.nextLong(9 * 60_000);
            fault = "late_beyond_watermark";
        } else if ((u -= faults.lateBeyondWatermark()) < faults.lateWithinWatermark()) {
            e.timestamp -= 1 + random.nextLong(Math.max(1, faults.watermarkMillis() / 2));
            fault = "late_within_watermark";
        } else if ((u -= faults.lateWithinWatermark()) < faults.outOfOrder()) {
            e.timestamp += random.nextLong(-faults.disorderMillis(), faults.disorderMillis() + 1);
            fault = "out_of_order";
        }
        byte[] value = encoder.encode(e);
        if (random.nextDouble() < faults.duplicates()) {
            return new Out(key, List.of(value, value), version, fault == null ? "duplicate" : fault + ",duplicate");
        }
        return new Out(key, List.of(value), version, fault);
    }

    private byte[] poison(Faults.Poison kind, Event e, EventEncoder encoder) {
        return switch (kind) {
            case NOT_AVRO -> ("{\"event_id\": \"" + e.eventId + "\", \"note\": \"JSON is not Avro\"}")
                    .getBytes(StandardCharsets.UTF_8);
            case TRUNCATED_AVRO -> {
                byte[] full = encoder.encode(e);
                yield java.util.Arrays.copyOf(full, full.length / 2);
            }
            case NULL_REQUIRED_FIELD -> {
                // Written as if user_id were optional and null: a reader sees an empty user_id.
                e.userId = "";
                yield encoder.encode(e);
            }
            case ABSURD_TIMESTAMP -> {
                e.timestamp = random.nextBoolean() ? 32_503_680_000_000L : -86_400_000L;
                yield encoder.encode(e);
            }
        };
    }
}
