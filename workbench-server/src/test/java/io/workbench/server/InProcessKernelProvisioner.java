package io.workbench.server;

import io.workbench.protocol.ConnectionInfo;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.client.KernelClient;
import io.workbench.protocol.kernel.KernelServer;
import io.workbench.protocol.messages.ExecuteInput;
import io.workbench.protocol.messages.ExecuteReply;
import io.workbench.protocol.messages.ExecuteResult;
import io.workbench.protocol.messages.KernelInfoReply;
import io.workbench.protocol.messages.ShutdownReply;
import io.workbench.protocol.messages.Stream;
import io.workbench.protocol.workbench.StreamsState;
import io.workbench.protocol.workbench.WorkbenchMessages;
import io.workbench.server.kernels.KernelProvisioner;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A fake kernel in this JVM, speaking the real protocol over loopback ZeroMQ: execute echoes the code to stdout
 * and returns its length. For fast server tests that do not need Java cells; ServerKernelsIT uses real kernels.
 * Asked where Spark is ({@code workbench_state_request}), a kernel does not answer at all by default; with a metrics
 * directory (for servers with a warm pool) it says "off", and a test may decide the answer and hold launches.
 */
public final class InProcessKernelProvisioner implements KernelProvisioner {
    public static final String NAME = "workbench-java";
    private static final AtomicInteger FAKE_METRICS_PORTS = new AtomicInteger(41000);
    private final java.nio.file.Path metricsDir;
    private final Semaphore launches;
    private final Supplier<String> sparkStatus;
    private final AtomicInteger launched = new AtomicInteger();

    InProcessKernelProvisioner() {
        this(null, new Semaphore(Integer.MAX_VALUE), null);
    }

    /**
     * @param metricsDir where each kernel announces a (fake: nothing listens there) metrics port, as real kernels do
     *                   beside their connection files; null for none
     */
    InProcessKernelProvisioner(java.nio.file.Path metricsDir) {
        this(metricsDir, new Semaphore(Integer.MAX_VALUE), () -> "off");
    }

    /**
     * Each launch takes a permit from {@code launches} first; kernels say Spark is {@code sparkStatus.get()}, or do
     * not answer the state request when {@code sparkStatus} is null.
     */
    public InProcessKernelProvisioner(Semaphore launches, Supplier<String> sparkStatus) {
        this(null, launches, sparkStatus);
    }

    private InProcessKernelProvisioner(java.nio.file.Path metricsDir, Semaphore launches, Supplier<String> sparkStatus) {
        this.metricsDir = metricsDir;
        this.launches = launches;
        this.sparkStatus = sparkStatus;
    }

    /** How many kernels were launched (or are being launched). */
    public int launched() {
        return launched.get();
    }

    @Override
    public Map<String, KernelSpecInfo> specs() {
        return Map.of(NAME, new KernelSpecInfo(NAME, "Echo (test)", "java", Map.of("interrupt_mode", "message"), Set.of()));
    }

    @Override
    public KernelProcess launch(String kernelName, Duration timeout) throws IOException {
        launched.incrementAndGet();
        try {
            launches.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        ConnectionInfo info = ConnectionInfo.allocate(kernelName);
        KernelServer server = new KernelServer(info);
        AtomicInteger count = new AtomicInteger();
        CompletableFuture<Void> exit = new CompletableFuture<>();
        server.onShell(MessageType.KERNEL_INFO_REQUEST, (m, c) -> new KernelInfoReply("ok", "5.3", "echo", "1",
                        new KernelInfoReply.LanguageInfo("java", "17", "text/x-java", ".java", "java", "java", "script"),
                        "echo", List.of(), false))
                .onShell(MessageType.EXECUTE_REQUEST, (m, c) -> {
                    int n = count.incrementAndGet();
                    server.publish(MessageType.EXECUTE_INPUT, new ExecuteInput(c.code(), n), m.header());
                    server.publish(MessageType.STREAM, new Stream("stdout", c.code() + "\n"), m.header());
                    server.publish(MessageType.EXECUTE_RESULT,
                            new ExecuteResult(n, Map.of("text/plain", String.valueOf(c.code().length())), Map.of()), m.header());
                    return ExecuteReply.ok(n);
                })
                .onControl(MessageType.SHUTDOWN_REQUEST, (m, c) -> new io.workbench.protocol.kernel.AfterReply(
                        new ShutdownReply("ok", false), () -> exit.complete(null)));
        if (sparkStatus != null) {
            server.onControl(WorkbenchMessages.STREAMS_STATE_REQUEST, (m, c) -> new StreamsState(List.of(), List.of(),
                    "UTC", null, sparkStatus.get()));
        }
        server.start();
        KernelClient client = KernelClient.connect(info);
        java.nio.file.Path portFile = null;
        if (metricsDir != null) {
            int port = FAKE_METRICS_PORTS.incrementAndGet();
            portFile = java.nio.file.Files.writeString(java.nio.file.Files.createDirectories(metricsDir)
                    .resolve("kernel-" + port + ".metrics-port"), port + "\n");
        }
        java.nio.file.Path metricsPortFile = portFile;
        return new KernelProcess() {
            @Override
            public java.nio.file.Path metricsPortFile() {
                return metricsPortFile;
            }

            @Override
            public KernelClient client() {
                return client;
            }

            @Override
            public boolean isAlive() {
                return !exit.isDone();
            }

            @Override
            public CompletableFuture<Void> onExit() {
                return exit;
            }

            @Override
            public boolean interruptsByMessage() {
                return true;
            }

            @Override
            public void signalInterrupt() {
            }

            @Override
            public void shutdown(Duration grace) {
                exit.complete(null);
                client.close();
                server.close();
            }

            @Override
            public String logTail(int lines) {
                return "";
            }

            @Override
            public long pid() {
                return ProcessHandle.current().pid();
            }
        };
    }
}
