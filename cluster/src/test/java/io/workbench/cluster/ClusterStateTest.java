package io.workbench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterStateTest {
    @TempDir
    Path dir;

    @Test
    void writtenStateReadsBackWithPidFiles() throws Exception {
        Path node = Files.createDirectories(dir.resolve("kafka-1"));
        ClusterState state = new ClusterState("spark://127.0.0.1:7077", "http://127.0.0.1:8080", "127.0.0.1:29092",
                "2026-01-01T00:00:00Z", List.of(new ClusterState.Member("kafka-1", "kafka", 42, 29092, node.toString(),
                node.resolve("console.log").toString())));
        state.write(dir);

        assertEquals(state, ClusterState.read(dir).orElseThrow());
        assertEquals("42", Files.readString(node.resolve("pid")).trim());
        state.delete(dir);
        assertTrue(ClusterState.read(dir).isEmpty());
        assertFalse(Files.exists(node.resolve("pid")));
    }

    @Test
    void aLivePidThatIsNotTheNodesProcessIsNotAlive() {
        // This test JVM runs, but its command line does not name the node's directory: a recycled pid, say.
        ClusterState.Member recycled = new ClusterState.Member("kafka-1", "kafka", ProcessHandle.current().pid(), 29092,
                dir.resolve("kafka-1").toString(), "console.log");
        assertFalse(recycled.alive());
        assertFalse(recycled.stop(java.time.Duration.ofSeconds(1)), "and stop leaves it alone");
        assertTrue(ProcessHandle.current().isAlive());
    }
}
