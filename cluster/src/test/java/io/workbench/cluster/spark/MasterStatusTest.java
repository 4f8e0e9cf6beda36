package io.workbench.cluster.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MasterStatusTest {
    /** A Spark 3.5.7 master's /json/ after worker 17078 was killed and started again (its dead entry stays listed). */
    @Test
    void readsTheMastersJsonWithDeadWorkersListed() throws Exception {
        String json;
        try (InputStream in = MasterStatusTest.class.getResourceAsStream("master-status.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        MasterStatus status = MasterStatus.parse(json);

        assertTrue(status.alive());
        assertEquals(3, status.workers().size());
        assertEquals(2, status.aliveWorkers());
        MasterStatus.Worker restarted = status.worker(17078).orElseThrow();
        assertEquals("ALIVE", restarted.state());
        assertEquals("worker-20261130094501-127.0.0.1-17078", restarted.id());
        assertEquals(1, restarted.cores());
        assertTrue(status.worker(17079).orElseThrow().alive());
        assertTrue(status.worker(1).isEmpty());
    }
}
