package io.workbench.server.kernels;

import io.workbench.protocol.client.KernelClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * How kernels are launched, kept apart from how they are talked to. The real one starts a kernel JVM from its
 * kernelspec; tests may use an in-process one. Methods block: call them from worker threads.
 */
public interface KernelProvisioner {

    /** Names of the kernels this provisioner can launch, with their display names. */
    Map<String, KernelSpecInfo> specs();

    /** Launches a kernel and waits until it answers kernel_info; throws with the kernel's last words if it dies. */
    KernelProcess launch(String kernelName, Duration timeout) throws IOException;

    /** What the kernelspecs API says about a kernel. */
    record KernelSpecInfo(String name, String displayName, String language, Map<String, Object> specJson,
                          Set<String> resources) {
    }

    /** One launched kernel: its client and its life. */
    interface KernelProcess extends AutoCloseable {
        KernelClient client();

        boolean isAlive();

        /** Completes when the process has exited. */
        CompletableFuture<Void> onExit();

        /** Whether interrupts go as interrupt_request messages (else as SIGINT). */
        boolean interruptsByMessage();

        /** Sends SIGINT to the process, for kernels that want signals. */
        void signalInterrupt();

        /** Asks the kernel to shut down, and kills it after {@code grace}. */
        void shutdown(Duration grace);

        /** The last lines of the kernel's log, for error messages. */
        String logTail(int lines);

        long pid();

        /** Where the kernel announces the port of its {@code /metrics} (docs/metrics.md), or null if it cannot. */
        default java.nio.file.Path metricsPortFile() {
            return null;
        }

        @Override
        default void close() {
            shutdown(Duration.ofSeconds(10));
        }
    }
}
