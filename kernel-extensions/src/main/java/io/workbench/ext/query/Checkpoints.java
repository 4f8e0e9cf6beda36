package io.workbench.ext.query;

import io.workbench.config.ConfigKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where queries keep their checkpoints: {@code <root>/<scope>/<query name>}, the scope being a notebook's name or a
 * job's, so that a query started again under the same name resumes. Also the saved rows of a live view,
 * {@code <root>/<scope>/<query name>.view.json}. A query name names a directory, so it is letters, digits, '_', '.'
 * and '-'. A job may name the scope's directory itself instead ({@link #directory}). Thread-safe; the scope can
 * change between cells.
 */
public final class Checkpoints {
    public static final ConfigKey<Path> ROOT = ConfigKey.path("streaming.checkpoint-dir", "data/checkpoints",
            "Where queries started by display(...) keep their checkpoints, one directory per notebook and query,"
                    + " so that a restarted query resumes where it stopped.");

    private final Path root;
    private volatile Path scopeDir;

    public Checkpoints(Path root, String scope) {
        this.root = root;
        this.scopeDir = root.resolve(scope);
    }

    /** The directory of a scope's query checkpoints. */
    public Path scopeDir() {
        return scopeDir;
    }

    /** Uses another scope from now on; returns whether it changed. */
    public boolean scope(String newScope) {
        return directory(root.resolve(newScope));
    }

    /**
     * Uses {@code dir} itself as the scope's directory from now on, wherever it is (a job's
     * {@code --checkpoint-dir}); returns whether it changed.
     */
    public boolean directory(Path dir) {
        boolean changed = !dir.equals(scopeDir);
        scopeDir = dir;
        return changed;
    }

    /**
     * The checkpoint directory of query {@code name} in the current scope.
     *
     * @throws IllegalArgumentException for a name that cannot name a directory
     */
    public Path dir(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,199}")) {
            throw new IllegalArgumentException("A query name is letters, digits, '_', '.' and '-' (it names its"
                    + " checkpoint directory), not '" + name + "'.");
        }
        return scopeDir().resolve(name);
    }

    /** Where a live view of query {@code name} saves its rows. */
    public Path viewSnapshot(String name) {
        return dir(name).resolveSibling(name + ".view.json");
    }

    /** Deletes a query's checkpoint and saved rows; returns whether there was a checkpoint. */
    public boolean discard(String name) throws IOException {
        Path dir = dir(name);
        boolean existed = Files.exists(dir);
        if (existed) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.deleteIfExists(viewSnapshot(name));
        return existed;
    }

    /**
     * Moves a query's checkpoint (and saved rows) aside to {@code <name>.archived-<UTC time>}, so that the query
     * starts fresh while the old state stays on disk; returns where it went, or null when there was none.
     */
    public Path archive(String name) throws IOException {
        Path dir = dir(name);
        if (!Files.exists(dir)) {
            return null;
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path target = dir.resolveSibling(name + ".archived-" + stamp);
        for (int n = 2; Files.exists(target); n++) {
            target = dir.resolveSibling(name + ".archived-" + stamp + "-" + n);
        }
        Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
        Path view = viewSnapshot(name);
        if (Files.exists(view)) {
            Files.move(view, target.resolve("workbench-view.json"));
        }
        return target;
    }
}
