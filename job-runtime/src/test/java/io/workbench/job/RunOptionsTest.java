package io.workbench.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunOptionsTest {
    private static RunOptions parse(String... args) {
        return RunOptions.parse(args, "default-job", new StringBuilder());
    }

    @Test
    void readsEveryOptionOfTheContract() {
        RunOptions o = parse("--job", "sales", "--run-id", "r-17", "--mode", "scheduled", "--status-file", "/tmp/s.json",
                "--checkpoint-dir", "/tmp/ckpt", "--param", "topic=orders", "--param", "expr=a=b", "--params", "p.json",
                "--trigger-interval", "5s");
        assertEquals(new RunOptions("sales", "r-17", Job.Mode.SCHEDULED, Path.of("/tmp/s.json"), Path.of("/tmp/ckpt"),
                Map.of("topic", "orders", "expr", "a=b"), Path.of("p.json"), Duration.ofSeconds(5)), o);
    }

    @Test
    void defaultsSuitARunByHand() {
        RunOptions o = parse();
        assertEquals("default-job", o.job());
        assertEquals(Job.Mode.CONTINUOUS, o.mode());
        assertEquals(Duration.ofSeconds(1), o.triggerInterval());
        assertTrue(o.runId().matches("\\d{8}T\\d{6}Z"), o.runId());
        assertNull(o.statusFile());
        assertNull(o.checkpointDir());
        assertEquals(Map.of(), o.params());
        assertEquals(Job.Mode.ONCE, parse("--mode=ONCE").mode(), "either case, either form");
    }

    @Test
    void theLastValueOfAParameterGivenTwiceWins() {
        assertEquals(Map.of("topic", "b"), parse("--param", "topic=a", "--param", "topic=b").params());
    }

    @Test
    void anUnknownOptionIsAClearErrorWithTheUsage() {
        InvalidRunException e = assertThrows(InvalidRunException.class, () -> parse("--mode", "once", "--parm", "x=1"));
        assertTrue(e.getMessage().startsWith("Unknown options: '--parm', 'x=1'"), e.getMessage());
        assertTrue(e.getMessage().contains("--trigger-interval=DURATION"), "with the usage: " + e.getMessage());
        assertThrows(InvalidRunException.class, () -> parse("extra"));
    }

    @Test
    void malformedValuesAreErrors() {
        String mode = assertThrows(InvalidRunException.class, () -> parse("--mode", "daily")).getMessage();
        assertTrue(mode.contains("expected one of [CONTINUOUS, SCHEDULED, ONCE] (case-insensitive) but was 'daily'"), mode);
        assertTrue(assertThrows(InvalidRunException.class, () -> parse("--param", "topic")).getMessage()
                .contains("--param topic: expected NAME=VALUE."));
        assertTrue(assertThrows(InvalidRunException.class, () -> parse("--trigger-interval", "often")).getMessage()
                .contains("--trigger-interval often: not a duration"));
        assertTrue(assertThrows(InvalidRunException.class, () -> parse("--job", "../etc")).getMessage()
                .contains("--job ../etc: a job name is letters"));
        assertThrows(InvalidRunException.class, () -> parse("--status-file"));
    }

    @Test
    void helpGivesTheUsageInsteadOfOptions() {
        StringBuilder out = new StringBuilder();
        assertNull(RunOptions.parse(new String[] {"--help"}, "j", out));
        assertTrue(out.toString().contains("--checkpoint-dir=DIR"), out.toString());
    }

    @Test
    void theDefaultJobNameComesFromTheClassName() {
        assertEquals("sales-per-window", RunOptions.defaultJobName(SalesPerWindowJob.class));
        assertEquals("etl2", RunOptions.defaultJobName(Etl2.class));
    }

    static final class SalesPerWindowJob {
    }

    static final class Etl2 {
    }
}
