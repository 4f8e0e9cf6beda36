package io.workbench.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The repository, compose/docker-compose.yml and the tools that check it without a Docker engine: Debian's
 * docker-compose (1.29.2) and promtool, which ./workbench test installs.
 */
final class Compose {
    /** The variables the compose file requires (":?"), each with a dummy value no file could contain by chance. */
    static final Map<String, String> REQUIRED = Map.of(
            "WORKBENCH_TOKEN", "dummy-access-token-5f1c9e",
            "WORKBENCH_METRICS_TOKEN", "dummy-metrics-token-8b2d4a",
            "GRAFANA_ADMIN_PASSWORD", "dummy-grafana-password-3e7f0b");

    static final Path REPO = Path.of(System.getProperty("workbench.repo", "..")).toAbsolutePath().normalize();
    static final Path DIR = REPO.resolve("compose");
    static final Path FILE = DIR.resolve("docker-compose.yml");

    private Compose() {
    }

    record Result(int exitCode, String stdout, String stderr) {
        String both() {
            return stdout + stderr;
        }
    }

    /** {@code docker-compose -f compose/docker-compose.yml <args>} in the repository, with only {@code env} set. */
    static Result dockerCompose(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(tool("docker-compose",
                "docker-compose (Debian's package, Compose 1.29.2) validates compose/ without a Docker engine"),
                "-f", "compose/docker-compose.yml"));
        command.addAll(List.of(args));
        return run(command, env);
    }

    /** The configuration as docker-compose resolves it (variables, anchors, relative paths), parsed. */
    static Map<String, Object> config(Map<String, String> env) {
        Result r = dockerCompose(env, "config");
        assertEquals(0, r.exitCode(), () -> "docker-compose config failed:\n" + r.both());
        return map(yaml(r.stdout()), "docker-compose config");
    }

    private static Map<String, Object> defaultConfig;

    /**
     * The configuration with the required variables set to their dummy values and nothing else (resolved once: each
     * docker-compose run takes a second or so). Callers must not modify it.
     */
    static synchronized Map<String, Object> config() {
        if (defaultConfig == null) {
            defaultConfig = config(REQUIRED);
        }
        return defaultConfig;
    }

    static Result run(List<String> command, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
        // Only what the tool needs: no COMPOSE_*, WORKBENCH_* or other variable of the machine leaks into the check.
        Map<String, String> inherited = new LinkedHashMap<>(System.getenv());
        pb.environment().clear();
        for (String keep : List.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")) {
            if (inherited.get(keep) != null) {
                pb.environment().put(keep, inherited.get(keep));
            }
        }
        pb.environment().putAll(env);
        try {
            Path out = Files.createTempFile("compose-test", ".out");
            Path err = Files.createTempFile("compose-test", ".err");
            try {
                Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish within 120 s");
                }
                return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The tool on PATH or in /usr/bin; fails (never skips) when it is missing. */
    static String tool(String name, String why) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/bin");
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return fail(name + " is not installed, and " + why + ". Run ./workbench test, which installs it from Debian"
                + " (apt-get install " + ("docker-compose".equals(name) ? "docker-compose" : "prometheus") + ").");
    }

    static Object yaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    static Object yaml(Path file) {
        return yaml(read(file));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String what) {
        assertTrue(o instanceof Map, () -> what + " is not a mapping: " + o);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o, String what) {
        assertTrue(o instanceof List, () -> what + " is not a list: " + o);
        return (List<Object>) o;
    }

    static Map<String, Object> services(Map<String, Object> config) {
        return map(config.get("services"), "services");
    }

    static Map<String, Object> service(Map<String, Object> config, String name) {
        Object s = services(config).get(name);
        assertTrue(s != null, () -> "compose/docker-compose.yml has no service " + name);
        return map(s, "service " + name);
    }

    /** A service's environment as a map, whichever form (mapping or KEY=VALUE list) it is written in. */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object e = service.get("environment");
        if (e instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (e instanceof List<?> l) {
            for (Object entry : l) {
                String s = String.valueOf(entry);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        return env;
    }

    /** A volume of a service: its source (a named volume, or a host path) and where it is mounted. */
    record Mount(String source, String target, boolean bind) {
    }

    static List<Mount> mounts(Map<String, Object> service) {
        List<Mount> mounts = new ArrayList<>();
        Object v = service.get("volumes");
        if (v == null) {
            return mounts;
        }
        for (Object entry : list(v, "volumes")) {
            if (entry instanceof Map<?, ?> m) {
                String source = String.valueOf(m.get("source"));
                mounts.add(new Mount(source, String.valueOf(m.get("target")), "bind".equals(m.get("type"))));
            } else {
                String[] parts = String.valueOf(entry).split(":");
                String source = parts[0];
                boolean bind = source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
                mounts.add(new Mount(source, parts.length > 1 ? parts[1] : parts[0], bind));
            }
        }
        return mounts;
    }

    /** A service's published ports as "host_ip:published:target" strings, whichever form they are written in. */
    static List<String> ports(Map<String, Object> service) {
        List<String> ports = new ArrayList<>();
        Object p = service.get("ports");
        if (p == null) {
            return ports;
        }
        for (Object entry : list(p, "ports")) {
            if (entry instanceof Map<?, ?> m) {
                ports.add((m.get("host_ip") == null ? "" : m.get("host_ip")) + ":" + m.get("published") + ":" + m.get("target"));
            } else {
                ports.add(String.valueOf(entry).replaceAll("/(tcp|udp)$", ""));
            }
        }
        return ports;
    }
}
