package io.workbench.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MissingTopicHintTest {

    @Test
    void aQueryFailedOnAMissingTopicGetsTheRunsParametersAndWhatToDo() {
        String failure = "java.util.concurrent.ExecutionException: org.apache.kafka.common.errors."
                + "UnknownTopicOrPartitionException: This server does not host this topic-partition.";
        String hint = JobRun.missingTopicHint(failure, "02-sales-per-window", Map.of("topic", "sales-mx466smc"));
        assertTrue(hint.contains("topic=sales-mx466smc"), hint);
        assertTrue(hint.contains("./workbench job edit 02-sales-per-window --param topic=NAME"), hint);
    }

    @Test
    void anyOtherFailureGetsNoHint() {
        assertEquals("", JobRun.missingTopicHint("java.lang.ArithmeticException: / by zero", "j", Map.of()));
        assertEquals("", JobRun.missingTopicHint(null, "j", Map.of()));
    }
}
