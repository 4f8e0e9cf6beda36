package io.workbench.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Everything the compose file mounts from the repository or builds from is there. */
class ComposeFilesTest {

    @Test
    void everyMountedPathExistsInTheRepository() {
        Map<String, Object> config = Compose.config();
        List<String> missing = new ArrayList<>();
        int binds = 0;
        for (var service : Compose.services(config).entrySet()) {
            for (Compose.Mount m : Compose.mounts(Compose.map(service.getValue(), service.getKey()))) {
                if (!m.bind()) {
                    continue;
                }
                binds++;
                Path source = Compose.DIR.resolve(m.source()).normalize();
                if (!source.startsWith(Compose.REPO)) {
                    missing.add(service.getKey() + " mounts " + source + ", outside the repository");
                } else if (!Files.exists(source)) {
                    missing.add(service.getKey() + " mounts " + Compose.REPO.relativize(source) + " (at " + m.target()
                            + "), which does not exist");
                }
            }
        }
        assertTrue(missing.isEmpty(), () -> String.join("\n", missing));
        assertTrue(binds >= 5, "expected the Prometheus config and rules, the Alertmanager config and Grafana's"
                + " provisioning and dashboards as bind mounts; found " + binds);
    }

    /** Files are mounted where files are expected, directories where directories are. */
    @Test
    void mountedFilesAndDirectoriesAreWhatTheServicesExpect() {
        Map<String, Object> config = Compose.config();
        assertBind(config, "prometheus", "/etc/prometheus/prometheus.yml", "compose/prometheus.yml", false);
        assertBind(config, "prometheus", "/etc/prometheus/rules", "monitoring/prometheus/rules", true);
        assertBind(config, "alertmanager", "/etc/alertmanager/alertmanager.yml", "monitoring/alertmanager/alertmanager.yml", false);
        assertBind(config, "grafana", "/etc/grafana/provisioning/datasources", "compose/grafana/datasources", true);
        assertBind(config, "grafana", "/etc/grafana/provisioning/dashboards", "monitoring/grafana/provisioning/dashboards", true);
    }

    @Test
    void theWorkbenchImageBuildsFromTheRepositoryRoot() {
        Map<String, Object> build = Compose.map(Compose.service(Compose.config(), "workbench").get("build"), "workbench build");
        Path context = Compose.DIR.resolve(String.valueOf(build.get("context"))).normalize();
        assertEquals(Compose.REPO, context, "the workbench's build context (the Maven build needs the whole repository)");
        Path dockerfile = context.resolve(String.valueOf(build.get("dockerfile")));
        assertEquals(Compose.DIR.resolve("Dockerfile"), dockerfile.normalize(), "the workbench's Dockerfile");
        assertTrue(Files.isRegularFile(dockerfile), dockerfile + " is missing");
        assertTrue(Files.isRegularFile(context.resolve("pom.xml")), "no pom.xml at the build context " + context);
        assertTrue(Files.isRegularFile(Compose.DIR.resolve("Dockerfile.dockerignore")),
                "compose/Dockerfile.dockerignore keeps build output out of the context");
    }

    static void assertBind(Map<String, Object> config, String service, String target, String repoPath, boolean directory) {
        Compose.Mount mount = Compose.mounts(Compose.service(config, service)).stream()
                .filter(m -> m.target().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError(service + " mounts nothing at " + target));
        assertTrue(mount.bind(), () -> service + " mounts a volume, not " + repoPath + ", at " + target);
        Path source = Compose.DIR.resolve(mount.source()).normalize();
        assertEquals(Compose.REPO.resolve(repoPath), source, service + "'s mount at " + target);
        assertTrue(directory ? Files.isDirectory(source) : Files.isRegularFile(source),
                () -> repoPath + " (mounted by " + service + " at " + target + ") is missing or not a "
                        + (directory ? "directory" : "file"));
    }
}
