package io.workbench.server.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.server.InProcessKernelProvisioner;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The warm pool hands out the kernel it is starting instead of starting a second one beside it, and starts the
 * replacement once that kernel has started Spark (and waits a while for its warm-up).
 */
class WarmPoolTest {
    private final Semaphore launches = new Semaphore(0);
    private final AtomicReference<String> spark = new AtomicReference<>("starting");
    private final InProcessKernelProvisioner provisioner = new InProcessKernelProvisioner(launches, spark::get);

    @Test
    void aNotebookOpenedWhileThePoolsKernelStartsGetsThatKernelAndTheReplacementWaitsForItsSpark() throws Exception {
        try (WarmPool pool = new WarmPool(provisioner, InProcessKernelProvisioner.NAME, 1, Duration.ofSeconds(30),
                Duration.ofSeconds(2))) {
            pool.fill();
            await(() -> provisioner.launched() == 1);
            CompletableFuture<WarmPool.Taken> taken = CompletableFuture.supplyAsync(() -> {
                try {
                    return pool.take();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            launches.release();
            WarmPool.Taken first = taken.get(10, TimeUnit.SECONDS);
            assertNotNull(first, "the kernel being started is handed out");
            assertFalse(first.warm(), "it was not warm yet");
            assertEquals(1, provisioner.launched(), "no second kernel while the first one starts Spark");

            spark.set("warming");
            Thread.sleep(300);
            assertEquals(1, provisioner.launched(), "the replacement waits a while for the first one's warm-up");
            await(() -> provisioner.launched() == 2);
            launches.release();
            Thread.sleep(500);
            assertEquals(0, pool.readyCount(), "a kernel still warming Spark up is not warm");
            spark.set("ready");
            await(() -> pool.readyCount() == 1);
            WarmPool.Taken second = pool.take();
            assertTrue(second.warm(), "a kernel whose Spark is ready is warm");
            first.process().shutdown(Duration.ofSeconds(1));
            second.process().shutdown(Duration.ofSeconds(1));
            launches.release(10);
        }
    }

    @Test
    void withNoKernelStartingTakeSaysSo() throws Exception {
        try (WarmPool pool = new WarmPool(provisioner, InProcessKernelProvisioner.NAME, 0, Duration.ofSeconds(30))) {
            assertEquals(null, pool.take());
            assertEquals(0, provisioner.launched());
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(20);
        }
    }
}
