package io.workbench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.config.Settings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterConfigTest {
    @Test
    void workersAndKafkaNodesTakeConsecutivePortsFromTheirBases() {
        ClusterConfig.Ports p = ClusterConfig.from(Settings.of(Map.of("WORKBENCH_CLUSTER_KAFKA_PORT", "39092"), Map.of(),
                Map.of("cluster.spark.worker-ui-port", "18081"))).resolvePorts();
        assertEquals(7077, p.master());
        assertEquals(8080, p.masterUi());
        assertEquals(List.of(7078, 7079), p.workers());
        assertEquals(List.of(18081, 18082), p.workerUis());
        assertEquals(List.of(39092, 39093, 39094), p.kafka());
        assertEquals(List.of(29192, 29193, 29194), p.kafkaControllers());
    }

    @Test
    void freePortsAreDistinctAndNeverZero() {
        ClusterConfig.Ports p = ClusterConfig.defaults().withFreePorts().resolvePorts();
        List<Integer> all = new ArrayList<>(List.of(p.master(), p.masterUi()));
        all.addAll(p.workers());
        all.addAll(p.workerUis());
        all.addAll(p.kafka());
        all.addAll(p.kafkaControllers());
        assertEquals(12, new HashSet<>(all).size(), all.toString());
        assertTrue(all.stream().allMatch(port -> port > 0), all.toString());
    }
}
