package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.server.http.Endpoint;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI file is the contract: every route the server mounts is in it, and nothing else is. */
class OpenApiContractTest {
    @Test
    void openApiDescribesExactlyTheServersRoutes() throws Exception {
        JsonNode spec;
        try (InputStream in = getClass().getResourceAsStream("/openapi.json")) {
            spec = new ObjectMapper().readTree(in);
        }
        Set<String> documented = new TreeSet<>();
        spec.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        Set<String> served = new TreeSet<>();
        try (TestServers s = TestServers.echo()) {
            for (Endpoint e : s.server.endpoints()) {
                served.add(e.method().name() + " " + e.template());
            }
            assertEquals(documented, served);
            for (String op : documented) {
                if (op.startsWith("GET ") && !op.contains("{")) {
                    int status = s.get(op.substring(4)).statusCode();
                    assertTrue(spec.path("paths").path(op.substring(4)).path("get").path("responses").has(String.valueOf(status)),
                            op + " answered " + status + ", which the contract does not list");
                }
            }
        }
    }
}
