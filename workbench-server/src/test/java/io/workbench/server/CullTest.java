package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.workbench.server.kernels.ExecutionState;
import io.workbench.server.kernels.KernelManager;
import io.workbench.server.kernels.ManagedKernel;
import io.workbench.server.metrics.WorkbenchMetrics;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Idle kernels with no browser connected are shut down after the configured time; others are kept. */
class CullTest {
    @Test
    void anIdleUnwatchedKernelIsCulled() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (WorkbenchMetrics metrics = new WorkbenchMetrics();
             KernelManager kernels = new KernelManager(vertx, new InProcessKernelProvisioner(), metrics,
                     InProcessKernelProvisioner.NAME, 0, 2, 1)) {
            ManagedKernel k = kernels.start(null).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertEquals(1, kernels.list().size());
            long deadline = System.currentTimeMillis() + 15_000;
            while (!kernels.list().isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(kernels.list().isEmpty(), "the idle kernel was not culled");
            // It leaves the list at once; its process is stopped next, off the event loop.
            while (k.executionState() != ExecutionState.DEAD && System.currentTimeMillis() < deadline + 10_000) {
                Thread.sleep(50);
            }
            assertEquals(ExecutionState.DEAD, k.executionState());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
