package io.workbench.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;

class QueryStartsTest {
    private static Trigger trigger(Job.Mode mode, Trigger own) {
        return new QueryStarts(mode, Duration.ofMillis(1500), () -> null).trigger(own);
    }

    @Test
    void scheduledAndOnceRunsProcessWhatIsThereAndEnd() {
        assertEquals(Trigger.AvailableNow(), trigger(Job.Mode.SCHEDULED, null));
        assertEquals(Trigger.AvailableNow(), trigger(Job.Mode.ONCE, Trigger.ProcessingTime(5000)),
                "the run's trigger replaces the code's");
    }

    @Test
    void continuousRunsKeepTheCodesTriggerElseUseTheInterval() {
        assertEquals(Trigger.ProcessingTime(5000), trigger(Job.Mode.CONTINUOUS, Trigger.ProcessingTime(5000)));
        assertEquals(Trigger.ProcessingTime(1500), trigger(Job.Mode.CONTINUOUS, null));
    }

    @Test
    void onlyLocalCheckpointsAreChecked() {
        assertEquals(Path.of("/data/jobs/j/checkpoints/q"),
                CheckpointPreflight.localPath("file:/data/jobs/j/checkpoints/q"));
        assertEquals(Path.of("/data/a b/q"), CheckpointPreflight.localPath("file:/data/a%20b/q"));
        assertEquals(Path.of("/data/q"), CheckpointPreflight.localPath("/data/q"));
        assertNull(CheckpointPreflight.localPath("hdfs://nn:8020/checkpoints/q"));
    }
}
