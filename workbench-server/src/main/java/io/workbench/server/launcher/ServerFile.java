package io.workbench.server.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code <runtime dir>/server.json}: where the running server listens, its token and its Kafka's bootstrap servers,
 * for the command line on the same machine ({@code ./workbench job …}; {@code ./workbench produce} writes to that
 * Kafka unless told otherwise), as one line {@code {"url": …, "token": …, "kafka": …, "pid": …}}. Readable by its owner only (mode 600); deleted when the server
 * stops.
 */
final class ServerFile implements AutoCloseable {
    private final Path file;

    private ServerFile(Path file) {
        this.file = file;
    }

    static ServerFile write(Path runtimeDir, String url, String token, String kafka) throws IOException {
        Files.createDirectories(runtimeDir);
        Path file = runtimeDir.resolve("server.json");
        Path tmp = Files.createTempFile(runtimeDir, "server", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        String json = "{\"url\": \"" + url + "\", \"token\": \"" + token + "\", \"kafka\": \"" + kafka + "\", \"pid\": "
                + ProcessHandle.current().pid() + "}\n";
        Files.writeString(tmp, json);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new ServerFile(file);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
