package io.workbench.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParamsBinderTest {
    /** A parameters record as the exporter writes one. */
    record Params(String topic, int partitions, long maxEvents, double share, boolean dryRun, Integer limit,
                  Duration window, Instant from, LocalDate day) {
        static Params defaults() {
            return new Params("events", 4, 1000L, 0.5, false, null, Duration.ofMinutes(1),
                    Instant.parse("2026-01-01T00:00:00Z"), LocalDate.of(2026, 1, 1));
        }
    }

    record NoParams() {
    }

    /** As the exporter writes one now: a default that uses an earlier parameter sees its value in the run. */
    record Derived(String topic, String enrichedTopic, int partitions) {
        static int evaluated;

        static Derived defaults() {
            return defaults(Map.of());
        }

        static Derived defaults(Map<String, Object> given) {
            String topic = given.containsKey("topic") ? (String) given.get("topic") : "lake-" + (++evaluated);
            String enrichedTopic = given.containsKey("enrichedTopic") ? (String) given.get("enrichedTopic")
                    : topic + "-enriched";
            int partitions = given.containsKey("partitions") ? (int) given.get("partitions") : 2;
            return new Derived(topic, enrichedTopic, partitions);
        }
    }

    record Checked(int partitions) {
        Checked {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1");
            }
        }

        static Checked defaults() {
            return new Checked(1);
        }
    }

    @TempDir
    Path dir;

    private static Params bind(Path file, Map<String, String> env, Map<String, String> cli) {
        return ParamsBinder.bind(Params.class, file, env, cli);
    }

    @Test
    void withNothingGivenTheDefaultsHold() {
        assertEquals(Params.defaults(), bind(null, Map.of("PATH", "/bin"), Map.of()));
    }

    /** A restart passes a run's bound values back as --param: each type reads back to an equal value. */
    @Test
    void aBoundRecordAsTextBindsBackToTheSameValues() {
        Params given = new Params("orders", 3, 12_345_678_901L, 1.0E-7, true, null, Duration.ofMillis(1500),
                Instant.parse("2026-11-30T21:08:11.123456Z"), LocalDate.of(2026, 2, 28));
        Map<String, String> text = ParamsBinder.text(given);
        assertEquals(null, text.get("limit"), "a null value is left out");
        assertEquals(8, text.size(), text.toString());
        assertEquals(given, bind(null, Map.of(), text));
        // A time-based default, bound once, stays what it was when passed back.
        Derived.evaluated = 0;
        Derived first = ParamsBinder.bind(Derived.class, null, Map.of(), Map.of());
        assertEquals(first, ParamsBinder.bind(Derived.class, null, Map.of(), ParamsBinder.text(first)));
        assertEquals(1, Derived.evaluated);
    }

    @Test
    void aDefaultThatUsesAnEarlierParameterUsesItsValueInTheRun() {
        Derived.evaluated = 0;
        assertEquals(new Derived("orders", "orders-enriched", 2),
                ParamsBinder.bind(Derived.class, null, Map.of(), Map.of("topic", "orders")));
        assertEquals(0, Derived.evaluated, "a given parameter's own default is not evaluated (it may be time-based)");
        assertEquals(new Derived("orders", "mine", 8), ParamsBinder.bind(Derived.class, null,
                Map.of("WORKBENCH_PARAM_PARTITIONS", "8"), Map.of("topic", "orders", "enrichedTopic", "mine")));
        assertEquals(new Derived("lake-1", "lake-1-enriched", 2), ParamsBinder.bind(Derived.class, null, Map.of(), Map.of()));
    }

    @Test
    void everySupportedTypeIsReadFromText() {
        Map<String, String> cli = new LinkedHashMap<>();
        cli.put("topic", "orders");
        cli.put("partitions", "8");
        cli.put("maxEvents", "5000000000");
        cli.put("share", "0.25");
        cli.put("dryRun", "TRUE");
        cli.put("limit", "7");
        cli.put("window", "PT90S");
        cli.put("from", "2026-03-01T10:00:00+01:00");
        cli.put("day", "2026-02-28");
        Params p = bind(null, Map.of(), cli);
        assertEquals(new Params("orders", 8, 5_000_000_000L, 0.25, true, 7, Duration.ofSeconds(90),
                Instant.parse("2026-03-01T09:00:00Z"), LocalDate.of(2026, 2, 28)), p);
    }

    @Test
    void durationsTakeShortUnitsToo() {
        assertEquals(Duration.ofSeconds(30), bind(null, Map.of(), Map.of("window", "30s")).window());
        assertEquals(Duration.ofMinutes(5), bind(null, Map.of(), Map.of("window", "5m")).window());
        assertEquals(Duration.ofHours(2), bind(null, Map.of(), Map.of("window", "2h")).window());
        assertEquals(Duration.ofMillis(500), bind(null, Map.of(), Map.of("window", "500ms")).window());
    }

    @Test
    void theCommandLineBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefaults() throws IOException {
        Path file = Files.writeString(dir.resolve("params.json"),
                "{\"topic\": \"from-file\", \"partitions\": 2, \"share\": 1, \"limit\": null, \"window\": \"PT2M\"}");
        Map<String, String> env = Map.of("WORKBENCH_PARAM_TOPIC", "from-env", "WORKBENCH_PARAM_PARTITIONS", "3",
                "WORKBENCH_PARAM_MAX_EVENTS", "9");
        Params p = bind(file, env, Map.of("topic", "from-cli"));
        assertEquals("from-cli", p.topic());
        assertEquals(3, p.partitions(), "the environment over the file");
        assertEquals(9L, p.maxEvents(), "WORKBENCH_PARAM_MAX_EVENTS names maxEvents");
        assertEquals(1.0, p.share(), "a JSON number for a double");
        assertNull(p.limit(), "JSON null for a box");
        assertEquals(Duration.ofMinutes(2), p.window(), "the file over the default");
        assertEquals(Params.defaults().day(), p.day());
    }

    @Test
    void aWrongTypeNamesTheParameterTheValueAndTheType() {
        InvalidRunException e = assertThrows(InvalidRunException.class,
                () -> bind(null, Map.of("WORKBENCH_PARAM_WINDOW", "soon"), Map.of("partitions", "four")));
        assertTrue(e.getMessage().contains("Parameter partitions (--param partitions=four): \"four\" is not an int"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Parameter window (environment variable WORKBENCH_PARAM_WINDOW): \"soon\""
                + " is not a duration"), "every error at once: " + e.getMessage());
    }

    @Test
    void anUnknownNameIsAnErrorThatListsTheParameters() {
        InvalidRunException e = assertThrows(InvalidRunException.class,
                () -> bind(null, Map.of(), Map.of("partition", "2")));
        assertTrue(e.getMessage().startsWith("Unknown parameter partition (--param partition=2): this job's parameters"
                + " are topic (String), partitions (int)"), e.getMessage());
        InvalidRunException env = assertThrows(InvalidRunException.class,
                () -> bind(null, Map.of("WORKBENCH_PARAM_TOPICS", "x"), Map.of()));
        assertTrue(env.getMessage().contains("Unknown parameter TOPICS (environment variable WORKBENCH_PARAM_TOPICS)"),
                env.getMessage());
    }

    @Test
    void outOfRangeAndBooleanTextAreRefused() {
        assertThrows(InvalidRunException.class, () -> bind(null, Map.of(), Map.of("partitions", "3000000000")));
        assertThrows(InvalidRunException.class, () -> bind(null, Map.of(), Map.of("dryRun", "yes")));
        assertThrows(InvalidRunException.class, () -> bind(null, Map.of(), Map.of("from", "2026-03-01")));
    }

    @Test
    void theFileMustHoldValuesOfTheRightJsonType() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"partitions\": 2.5, \"topic\": 3, \"dryRun\": null}");
        InvalidRunException e = assertThrows(InvalidRunException.class, () -> bind(file, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("Parameter partitions (--params " + file + "): 2.5 is not an int"), e.getMessage());
        assertTrue(e.getMessage().contains("Parameter topic (--params " + file + "): 3 is not a string"), e.getMessage());
        assertTrue(e.getMessage().contains("Parameter dryRun (--params " + file + "): null is not a boolean"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAJsonObjectIsAnError() throws IOException {
        Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
        assertTrue(assertThrows(InvalidRunException.class, () -> bind(array, Map.of(), Map.of())).getMessage()
                .contains("must hold a JSON object"));
        Path twice = Files.writeString(dir.resolve("twice.json"), "{\"topic\": \"a\", \"topic\": \"b\"}");
        assertTrue(assertThrows(InvalidRunException.class, () -> bind(twice, Map.of(), Map.of())).getMessage()
                .contains("Duplicate field 'topic'"));
        Path missing = dir.resolve("missing.json");
        assertTrue(assertThrows(InvalidRunException.class, () -> bind(missing, Map.of(), Map.of())).getMessage()
                .startsWith("--params " + missing + ": cannot read it"));
    }

    @Test
    void aRecordWithoutComponentsNeedsNoDefaults() {
        assertEquals(new NoParams(), ParamsBinder.bind(NoParams.class, null, Map.of(), Map.of()));
        InvalidRunException e = assertThrows(InvalidRunException.class,
                () -> ParamsBinder.bind(NoParams.class, null, Map.of(), Map.of("topic", "x")));
        assertTrue(e.getMessage().contains("this job has no parameters"), e.getMessage());
    }

    @Test
    void theRecordsOwnChecksRefuseAValueAsAWrongParameter() {
        InvalidRunException e = assertThrows(InvalidRunException.class,
                () -> ParamsBinder.bind(Checked.class, null, Map.of(), Map.of("partitions", "0")));
        assertTrue(e.getMessage().contains("partitions must be at least 1"), e.getMessage());
    }
}
