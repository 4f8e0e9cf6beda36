package io.workbench.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code cluster.json} in the cluster's directory: where a running local cluster serves and the pid of each of its
 * processes, so that another shell can check and stop it. Written when the cluster has started and whenever a node is
 * started again, deleted when it is stopped. Immutable.
 *
 * @param startedAt ISO-8601 instant
 */
public record ClusterState(String masterUrl, String masterUiUrl, String bootstrapServers, String startedAt,
                           List<Member> processes) {
    public static final String FILE = "cluster.json";
    /** The system property that marks a cluster process's command line with its node directory. */
    static final String NODE_PROPERTY = "workbench.cluster.node";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One process of the cluster, as recorded.
     *
     * @param role {@link ClusterNode.Role#label()}
     * @param dir  its node directory, which its command line names; a recycled pid therefore never passes for it
     */
    public record Member(String name, String role, long pid, int port, String dir, String log) {
        /** Whether this pid is alive and still the cluster's process. */
        public boolean alive() {
            return handle().isPresent();
        }

        /**
         * SIGTERM, then SIGKILL after {@code grace}; returns once it is gone (or after 5 s more).
         *
         * @return whether it had to be killed
         */
        public boolean stop(Duration grace) {
            Optional<ProcessHandle> h = handle();
            if (h.isEmpty()) {
                return false;
            }
            h.get().destroy();
            try {
                h.get().onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
                return false;
            } catch (TimeoutException e) {
                h.get().destroyForcibly();
                waitQuietly(h.get());
                return true;
            } catch (ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private Optional<ProcessHandle> handle() {
            String marker = "-D" + NODE_PROPERTY + "=" + dir;
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false));
        }

        private static void waitQuietly(ProcessHandle h) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // reported by the caller, which checks alive() again
            }
        }
    }

    public ClusterState {
        processes = List.copyOf(processes);
    }

    /** The state of the cluster in {@code dir}, if one was started there and not stopped. */
    public static Optional<ClusterState> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), ClusterState.class));
        } catch (IOException e) {
            throw new ClusterException("Cannot read " + file + ": " + e.getMessage() + ". If no cluster runs, delete it.",
                    e);
        }
    }

    /** Writes {@code dir/cluster.json} and each process's {@code pid} file, atomically each. */
    void write(Path dir) {
        try {
            for (Member m : processes) {
                replace(Path.of(m.dir()).resolve("pid"), m.pid() + "\n");
            }
            replace(dir.resolve(FILE), JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes {@code cluster.json} and the pid files. */
    public void delete(Path dir) {
        try {
            for (Member m : processes) {
                Files.deleteIfExists(Path.of(m.dir()).resolve("pid"));
            }
            Files.deleteIfExists(dir.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void replace(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
