package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.events.EventLog;
import io.workbench.testkit.SharedBroker;
import io.workbench.testkit.soak.SoakReport;
import io.workbench.testkit.soak.SoakRun;
import io.workbench.testkit.soak.SoakSettings;
import io.workbench.testkit.soak.TopicOracle;
import io.workbench.testkit.soak.ViewClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * R7 in short: five real kernels, each with an events producer and a live view, watched by twenty WebSocket
 * clients for {@code workbench.soak.seconds} (120 by default; {@code bench/run soak} runs the same scenario for ten
 * minutes). No client sees an error or a gap longer than {@code workbench.soak.max-gap-seconds} (30), every query
 * and producer still runs, each view's counts are the topic's, and the server's heap after a full GC does not
 * grow by more than {@code workbench.soak.heap-growth-mb} (16 MiB) from the first third of the samples to the last.
 *
 * <p>The server runs in this JVM, so the heap sampled is this JVM's: the server's, plus the clients (which keep
 * only their latest view) and the test itself, which are flat by construction. Its samples vary by about 2 MiB;
 * 16 MiB between the medians of the thirds (about 80 s apart) catches a leak of 0.2 MiB/s or more. Slower leaks
 * show in the ten-minute run's slope, which {@code bench/RESULTS.md} records.
 */
class SoakIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fiveKernelsAndTwentyClientsRunWithoutErrorsGapsOrGrowth() throws Exception {
        int seconds = Integer.getInteger("workbench.soak.seconds", 120);
        double maxGap = Double.parseDouble(System.getProperty("workbench.soak.max-gap-seconds", "30"));
        double maxGrowth = Double.parseDouble(System.getProperty("workbench.soak.heap-growth-mb", "16"));
        try (TestServers s = TestServers.real(0)) {
            TopicOracle oracle = topic -> {
                EventLog log = EventLog.read(SharedBroker.bootstrapServers(), topic, Duration.ofMinutes(1));
                return new TopicOracle.Counts(log.entries().size(), log.countByWindow(60_000, "event_type"));
            };
            SoakReport r = SoakRun.run(new SoakRun.Target(s.server.port(), TestServers.TOKEN, oracle,
                    ProcessHandle.current().pid(), System::gc), SoakSettings.r7(seconds), System.out);
            System.out.println("R7 soak: " + JSON.writeValueAsString(r.toJson()));
            System.out.println("R7 soak heap after GC (MiB): "
                    + r.samples().stream().map(x -> Math.round(x.heapMb() * 10) / 10.0).toList());

            assertEquals(0, r.errorCount(), () -> "errors seen by the clients: " + r.errors());
            assertEquals(20, r.clients().size());
            for (ViewClient.Figures c : r.clients()) {
                assertTrue(c.updates() > 0 && c.maxGapSeconds() <= maxGap, () -> "a client's updates: " + c);
            }
            assertEquals(List.of(), r.streamProblems(), "every query and producer still runs");
            assertEquals(List.of(), r.oracleProblems(), "every view shows the topic's counts");
            assertTrue(r.rowsCompared() >= 5 * 2, "each view has rows to compare: " + r.rowsCompared());
            assertTrue(r.samples().size() >= 6, "enough memory samples: " + r.samples().size());
            double growth = r.heapLastThirdMb() - r.heapFirstThirdMb();
            assertTrue(growth <= maxGrowth, () -> "the server's heap after GC grew by " + growth + " MiB: " + r.samples());
        }
    }
}
