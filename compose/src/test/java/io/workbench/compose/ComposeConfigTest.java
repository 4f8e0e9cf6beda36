package io.workbench.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docker-compose accepts the file with the secrets set, refuses it without any one of them, and nothing is literal. */
class ComposeConfigTest {
    private static final Pattern REQUIRED_REFERENCE = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?[^}]+}");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(token|password|secret|credential).*");

    @Test
    void validatesWithTheRequiredVariablesSet() {
        Compose.Result r = Compose.dockerCompose(Compose.REQUIRED, "config", "-q");
        assertEquals(0, r.exitCode(), () -> "docker-compose -f compose/docker-compose.yml config -q failed:\n" + r.both());
    }

    @ParameterizedTest
    @ValueSource(strings = {"WORKBENCH_TOKEN", "WORKBENCH_METRICS_TOKEN", "GRAFANA_ADMIN_PASSWORD"})
    void refusesToRunWithoutASecret(String variable) {
        Map<String, String> env = new HashMap<>(Compose.REQUIRED);
        env.remove(variable);
        Compose.Result r = Compose.dockerCompose(env, "config", "-q");
        assertNotEquals(0, r.exitCode(), () -> "docker-compose accepted the file without " + variable
                + ": something has a default or a literal value instead of ${" + variable + ":?...}");
        assertTrue(r.both().contains("set " + variable), () -> "docker-compose refused the file without " + variable
                + " but its message does not say to set it:\n" + r.both());
    }

    /** The required variables are exactly the ones this test knows, so the test above covers each of them. */
    @Test
    void theRequiredVariablesAreTheSecrets() {
        List<String> required = new ArrayList<>();
        var m = REQUIRED_REFERENCE.matcher(Compose.read(Compose.FILE));
        while (m.find()) {
            if (!required.contains(m.group(1))) {
                required.add(m.group(1));
            }
        }
        assertEquals(Compose.REQUIRED.keySet().stream().sorted().toList(), required.stream().sorted().toList(),
                "the variables compose/docker-compose.yml requires (${VAR:?...})");
    }

    /**
     * Every environment entry that looks like a secret is a required variable, in the file as written; resolved, it
     * holds the dummy value the test set (so the value came from the environment and nowhere else).
     */
    @Test
    void secretsComeOnlyFromTheEnvironment() {
        Map<String, Object> raw = Compose.map(Compose.yaml(Compose.FILE), "compose/docker-compose.yml");
        Map<String, Object> resolved = Compose.config();
        List<String> problems = new ArrayList<>();
        int secrets = 0;
        for (String name : Compose.services(raw).keySet()) {
            Map<String, String> written = Compose.environment(Compose.service(raw, name));
            Map<String, String> values = Compose.environment(Compose.service(resolved, name));
            for (Map.Entry<String, String> e : written.entrySet()) {
                if (!SECRET_NAME.matcher(e.getKey()).matches()) {
                    continue;
                }
                secrets++;
                var ref = REQUIRED_REFERENCE.matcher(String.valueOf(e.getValue()));
                if (!ref.matches()) {
                    problems.add(name + ": " + e.getKey() + " is not a required variable (${VAR:?message}): " + e.getValue());
                } else if (!Compose.REQUIRED.get(ref.group(1)).equals(values.get(e.getKey()))) {
                    problems.add(name + ": " + e.getKey() + " resolved to " + values.get(e.getKey()) + ", not the value of "
                            + ref.group(1));
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        assertTrue(secrets >= 4, "expected the access token, the metrics token (workbench and setup) and Grafana's"
                + " password among the services' environments; found " + secrets + " secret entries");
        String dockerfile = Compose.read(Compose.DIR.resolve("Dockerfile"));
        assertTrue(dockerfile.lines().noneMatch(l -> l.matches("(?i)\\s*(ENV|ARG)\\s+.*(TOKEN|PASSWORD|SECRET).*")),
                "compose/Dockerfile must not bake a token or password into the image");
    }
}
