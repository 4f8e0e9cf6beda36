package io.workbench.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** The generator, the encoder and the fault knobs, without Kafka. */
class EventsTest {
    private static final long START = 1_764_000_000_000L;

    private static EventGenerator generator(long seed) {
        long[] clock = {START};
        return new EventGenerator(seed, () -> clock[0] += 100);
    }

    @Test
    void theFastEncoderWritesWhatAvrosGenericWriterWritesAndDecodesBack() throws Exception {
        EventGenerator g = generator(1);
        EventEncoder v1 = new EventEncoder(1);
        EventEncoder v2 = new EventEncoder(2);
        Set<String> types = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            Event e = g.next();
            e.referrer = i % 3 == 0 ? null : "campaign-" + (i % 5);
            types.add(e.typeName());
            assertArrayEquals(v1.encodeGeneric(e), v1.encode(e), () -> "v1 bytes of " + e);
            assertArrayEquals(v2.encodeGeneric(e), v2.encode(e), () -> "v2 bytes of " + e);
            GenericRecord back = EventEncoder.decode(v2.encode(e), 2);
            assertEquals(e.eventId, back.get("event_id").toString());
            assertEquals(e.timestamp, back.get("timestamp"));
            assertEquals(e.amount, back.get("amount"));
            assertEquals(e.referrer, back.get("referrer") == null ? null : back.get("referrer").toString());
            assertNull(EventEncoder.decode(v1.encode(e), 1).get("referrer"), "a v1 record read as v2 has no referrer");
        }
        assertEquals(Set.of(Event.TYPES), types, "every event type occurs");
    }

    @Test
    void theSameSeedGivesTheSameEventsAndTheFunnelNarrows() {
        EventGenerator a = generator(7);
        EventGenerator b = generator(7);
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Set<String>> viewed = new HashMap<>();
        int purchasesAfterAView = 0;
        for (int i = 0; i < 50_000; i++) {
            Event x = a.next();
            Event y = b.next();
            assertEquals(x.toString(), y.toString(), "event " + i);
            counts.merge(x.typeName(), 1, Integer::sum);
            if (x.type == Event.VIEW && x.productId != null) {
                viewed.computeIfAbsent(x.userId, k -> new HashSet<>()).add(x.productId);
            }
            if (x.type == Event.PURCHASE) {
                assertNotNull(x.productCategory);
                assertTrue(x.amount > 0 && x.quantity > 0, x.toString());
                if (viewed.getOrDefault(x.userId, Set.of()).contains(x.productId)) {
                    purchasesAfterAView++;
                }
            }
        }
        int views = counts.get("page_view");
        int carts = counts.get("cart_add");
        int purchases = counts.get("purchase");
        assertTrue(views > carts && carts > purchases && purchases > 0, "view → cart → purchase narrows: " + counts);
        assertTrue(purchasesAfterAView > purchases * 0.9, "purchases follow a view of the product: " + purchasesAfterAView
                + " of " + purchases);
    }

    @Test
    void lateEventsAreOlderThanTheWatermarkAndPoisonComesInEveryKind() throws Exception {
        EventEncoder enc = new EventEncoder(1);
        FaultInjector late = new FaultInjector(Faults.NONE.withLate(1.0, 0, 300_000), new SplittableRandom(3));
        EventGenerator g = generator(2);
        for (int i = 0; i < 1000; i++) {
            Event e = g.next();
            long original = e.timestamp;
            FaultInjector.Out out = late.apply(e, enc, 1);
            assertEquals("late_beyond_watermark", out.fault());
            long shift = original - (Long) EventEncoder.decode(out.values().get(0), 1).get("timestamp");
            assertTrue(shift > 300_000 + 59_999 && shift <= 300_000 + 60_000 + 9 * 60_000, "shifted by " + shift);
        }
        FaultInjector poison = new FaultInjector(Faults.NONE.withPoison(1.0), new SplittableRandom(4));
        Map<String, Integer> kinds = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            FaultInjector.Out out = poison.apply(g.next(), enc, 1);
            kinds.merge(out.fault(), 1, Integer::sum);
            String[] why = {null};
            GenericRecord decoded = EventLog.decode(out.values().get(0), "1", why);
            switch (out.fault()) {
                case "poison:not_avro", "poison:truncated_avro" -> assertNull(decoded, out.fault());
                case "poison:null_required_field" -> assertEquals("", decoded.get("user_id").toString());
                default -> assertTrue(Math.abs((Long) decoded.get("timestamp") - START) > 365L * 24 * 3600 * 1000, out.fault());
            }
        }
        assertEquals(Faults.Poison.values().length, kinds.size(), "every kind of poison: " + kinds);
    }
}
