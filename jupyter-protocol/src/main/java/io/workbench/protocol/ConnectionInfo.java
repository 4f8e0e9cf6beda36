package io.workbench.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A Jupyter connection file: where the five channels listen and the signing key. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort,
                             int controlPort, int hbPort, String key, String signatureScheme, String kernelName) {

    public static ConnectionInfo read(Path file) throws IOException {
        return Json.MAPPER.readValue(file.toFile(), ConnectionInfo.class);
    }

    /** Writes the file readable by its owner only, since it holds the key. */
    public void write(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, Json.bytes(this));
    }

    /** A fresh connection on loopback with free ports and a random 256-bit key. */
    public static ConnectionInfo allocate(String kernelName) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        int[] ports = freePorts(5);
        return new ConnectionInfo("tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4],
                HexFormat.of().formatHex(key), "hmac-sha256", kernelName);
    }

    public int port(Channel channel) {
        return switch (channel) {
            case SHELL -> shellPort;
            case IOPUB -> iopubPort;
            case STDIN -> stdinPort;
            case CONTROL -> controlPort;
            case HEARTBEAT -> hbPort;
        };
    }

    public String endpoint(Channel channel) {
        return transport + "://" + ip + ":" + port(channel);
    }

    public MessageSigner signer() {
        return new MessageSigner(key, signatureScheme);
    }

    private static int[] freePorts(int n) throws IOException {
        ServerSocket[] sockets = new ServerSocket[n];
        int[] ports = new int[n];
        try {
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
        return ports;
    }
}
