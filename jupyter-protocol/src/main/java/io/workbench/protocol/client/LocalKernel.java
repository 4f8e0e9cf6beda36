package io.workbench.protocol.client;

import io.workbench.protocol.Channel;
import io.workbench.protocol.ConnectionInfo;
import io.workbench.protocol.Message;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.messages.KernelInfoRequest;
import io.workbench.protocol.messages.ShutdownRequest;
import io.workbench.process.ChildProcess;
import io.workbench.process.ChildProcessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A kernel process on this machine, launched from its kernelspec with a fresh connection file, and a client
 * connected to it. The kernel's stdout and stderr go to a log file next to the connection file.
 *
 * <p>Launching is separate from talking: everything after {@link #launch} goes through {@link #client()}.
 */
public final class LocalKernel implements AutoCloseable {
    private final String id;
    private final ChildProcess process;
    private final KernelClient client;
    private final Path connectionFile;
    private final Path log;

    private LocalKernel(String id, ChildProcess process, KernelClient client, Path connectionFile, Path log) {
        this.id = id;
        this.process = process;
        this.client = client;
        this.connectionFile = connectionFile;
        this.log = log;
    }

    /** Starts the kernel; returns once the process runs (see {@link #awaitReady}). */
    public static LocalKernel launch(KernelSpecFile spec, Path runtimeDir, Map<String, String> env) throws IOException {
        String id = UUID.randomUUID().toString();
        Files.createDirectories(runtimeDir);
        Path connectionFile = runtimeDir.resolve("kernel-" + id + ".json");
        ConnectionInfo info = ConnectionInfo.allocate(spec.language());
        info.write(connectionFile);
        Path log = runtimeDir.resolve("kernel-" + id + ".log");
        Map<String, String> all = new java.util.HashMap<>();
        // Jupyter's name for it: kernels watch the process that launched them and exit with it.
        all.put("JPY_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
        if (spec.env() != null) {
            all.putAll(spec.env());
        }
        all.putAll(env);
        ChildProcess process;
        try {
            process = ChildProcess.start(new ChildProcess.Spec("kernel " + id, spec.command(connectionFile), all, null, log),
                    ChildProcess.Readiness.RUNNING, Duration.ofSeconds(1));
        } catch (ChildProcessException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new LocalKernel(id, process, KernelClient.connect(info), connectionFile, log);
    }

    /**
     * Waits until the kernel answers kernel_info and its IOPub messages reach this client; throws with the log's
     * tail if it dies first. The reply alone is not enough: a SUB socket's subscription reaches the kernel's PUB
     * socket a moment after it connects, and what the kernel publishes before that (the busy status and
     * execute_input of the first cell) is dropped. The kernel publishes a status for each kernel_info request,
     * so one seen here proves the subscription.
     */
    public Message awaitReady(Duration timeout) throws IOException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.Set<String> statusSeenFor = java.util.concurrent.ConcurrentHashMap.newKeySet();
        KernelClient.Listener statuses = (channel, message) -> {
            if (channel == Channel.IOPUB && message.parentId() != null) {
                statusSeenFor.add(message.parentId());
            }
        };
        client.addListener(statuses);
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("the kernel exited with code " + process.process().exitValue() + " before it was ready:\n"
                            + logTail(30));
                }
                KernelClient.Request r = client.request(Channel.SHELL, MessageType.KERNEL_INFO_REQUEST, new KernelInfoRequest());
                Message reply;
                try {
                    reply = r.reply().get(Math.min(2000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                            TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // the sockets may not have been bound yet; ZeroMQ queues the request, ask again
                    continue;
                } catch (ExecutionException e) {
                    throw new IOException(e.getCause());
                }
                String id = r.message().header().msgId();
                long iopubDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                while (!statusSeenFor.contains(id) && System.nanoTime() < iopubDeadline) {
                    Thread.sleep(10);
                }
                if (statusSeenFor.contains(id)) {
                    return reply;
                }
            }
        } finally {
            client.removeListener(statuses);
        }
        throw new TimeoutException("the kernel did not answer kernel_info within " + timeout + ":\n" + logTail(30));
    }

    public String id() {
        return id;
    }

    public KernelClient client() {
        return client;
    }

    public ConnectionInfo connection() {
        return client.connectionInfo();
    }

    public Process process() {
        return process.process();
    }

    /** The connection file this kernel was started with. */
    public Path connectionFile() {
        return connectionFile;
    }

    public Path log() {
        return log;
    }

    public String logTail(int lines) {
        return process.logTail(lines);
    }

    /** Asks the kernel to shut down, then kills it if it has not exited within {@code grace}. */
    public void shutdown(Duration grace) {
        if (process.isAlive()) {
            client.request(Channel.CONTROL, MessageType.SHUTDOWN_REQUEST, new ShutdownRequest(false));
            try {
                if (!process.process().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        client.close();
        try {
            Files.deleteIfExists(connectionFile);
        } catch (IOException ignored) {
            // a leftover connection file is harmless
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(10));
    }
}
