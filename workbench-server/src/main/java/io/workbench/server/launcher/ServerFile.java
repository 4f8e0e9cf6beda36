package io.workbench.server.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code <runtime dir>/server.json}: where the running server listens and its token, for the command line
 * ({@code ./workbench job …}) on the same machine. Readable by its owner only (mode 600); deleted when the server
 * stops.
 */
final class ServerFile implements AutoCloseable {
    private final Path file;

    private ServerFile(Path file) {
        this.file = file;
    }

    static ServerFile write(Path runtimeDir, String url, String token) throws IOException {
        Files.createDirectories(runtimeDir);
        Path file = runtimeDir.resolve("server.json");
        Path tmp = Files.createTempFile(runtimeDir, "server", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        String json = "{\"url\": \"" + url + "\", \"token\": \"" + token + "\", \"pid\": " + ProcessHandle.current().pid() + "}\n";
        Files.writeString(tmp, json);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new ServerFile(file);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
