package io.workbench.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionInfoTest {
    @TempDir
    Path dir;

    @Test
    void writtenFileIsPrivateAndReadsBackEqual() throws IOException {
        ConnectionInfo info = ConnectionInfo.allocate("java");
        Path file = dir.resolve("kernel-1.json");
        info.write(file);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(info, ConnectionInfo.read(file));
        String json = Files.readString(file);
        assertTrue(json.contains("\"shell_port\":" + info.shellPort()), json);
        assertTrue(json.contains("\"signature_scheme\":\"hmac-sha256\""), json);
    }

    @Test
    void rewritingAnExistingFileKeepsItPrivate() throws IOException {
        Path file = dir.resolve("kernel-2.json");
        Files.writeString(file, "old", java.nio.charset.StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ConnectionInfo info = ConnectionInfo.allocate("java");
        info.write(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(info, ConnectionInfo.read(file));
    }

    @Test
    void readsAFileWrittenByJupyter() throws IOException {
        Path file = dir.resolve("jupyter.json");
        Files.writeString(file, """
                {"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5,
                 "ip": "127.0.0.1", "key": "k", "transport": "tcp", "signature_scheme": "hmac-sha256",
                 "kernel_name": "java", "jupyter_session": "ignored"}""");
        ConnectionInfo info = ConnectionInfo.read(file);
        assertEquals(new ConnectionInfo("tcp", "127.0.0.1", 1, 2, 3, 4, 5, "k", "hmac-sha256", "java"), info);
        assertEquals("tcp://127.0.0.1:2", info.endpoint(Channel.IOPUB));
        assertEquals(5, info.port(Channel.HEARTBEAT));
    }

    @Test
    void allocateGivesFiveDistinctFreePortsAndA256BitKey() throws IOException {
        ConnectionInfo info = ConnectionInfo.allocate("java");
        Set<Integer> ports = Arrays.stream(Channel.values()).map(info::port).collect(Collectors.toSet());
        assertEquals(5, ports.size(), "ports " + ports);
        for (int port : ports) {
            assertTrue(port > 0 && port <= 65535, "port " + port);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, s.getLocalPort());
            }
        }
        assertTrue(info.key().matches("[0-9a-f]{64}"), info.key());
        assertEquals("tcp", info.transport());
        assertEquals("127.0.0.1", info.ip());
        assertTrue(info.signer().enabled());
        assertNotEquals(info.key(), ConnectionInfo.allocate("java").key());
    }
}
