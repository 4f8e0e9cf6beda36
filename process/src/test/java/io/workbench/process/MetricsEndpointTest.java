package io.workbench.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The child processes' /metrics: loopback by default, the address asked for otherwise, the token either way. */
class MetricsEndpointTest {
    private static int get(String host, int port, String token) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://" + host + ":" + port + "/metrics").toURL()
                .openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(2000);
        if (token != null) {
            c.setRequestProperty("Authorization", "Bearer " + token);
        }
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    /** An IPv4 address of this machine that is not loopback, if it has one. */
    private static Optional<String> otherAddress() throws IOException {
        for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(i.getInetAddresses())) {
                if (i.isUp() && !a.isLoopbackAddress() && a instanceof java.net.Inet4Address) {
                    return Optional.of(a.getHostAddress());
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void byDefaultOnlyLoopbackReachesIt() throws IOException {
        try (MetricsEndpoint e = MetricsEndpoint.start(0, "t0ken", () -> "m 1\n")) {
            assertEquals(200, get("127.0.0.1", e.port(), "t0ken"));
            assertEquals(401, get("127.0.0.1", e.port(), null));
            Optional<String> other = otherAddress();
            if (other.isPresent()) {
                assertThrows(IOException.class, () -> get(other.get(), e.port(), "t0ken"),
                        "the default endpoint must not answer on " + other.get());
            }
        }
    }

    @Test
    void boundToEveryInterfaceItAnswersBeyondLoopbackStillOnlyToTheToken() throws IOException {
        try (MetricsEndpoint e = MetricsEndpoint.start("0.0.0.0", 0, () -> "t0ken", () -> "m 1\n")) {
            assertEquals(200, get("127.0.0.1", e.port(), "t0ken"));
            Optional<String> other = otherAddress();
            if (other.isPresent()) {
                assertEquals(200, get(other.get(), e.port(), "t0ken"));
                assertEquals(401, get(other.get(), e.port(), "wrong"));
            }
        }
    }

    @Test
    void aBindHostThatDoesNotResolveIsAnIOException() {
        IOException e = assertThrows(IOException.class,
                () -> MetricsEndpoint.start("no-such-host.invalid", 0, () -> "t", () -> ""));
        assertFalse(e.getMessage().isBlank());
        assertTrue(e.getMessage().contains("no-such-host.invalid"), e.getMessage());
    }
}
