package io.workbench.jobs.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PomFileTest {
    private static final Pattern PLUGIN = Pattern.compile(
            "<artifactId>(maven-[a-z-]+-plugin)</artifactId>\\s*<version>([^<]+)</version>");

    @Test
    void pinsThePluginVersionsOfTheWorkbenchBuildSoThatItBuildsOffline() throws Exception {
        String template = PomFile.template();
        String root = Files.readString(Path.of(System.getProperty("workbench.repo", "..")).resolve("pom.xml"));
        Matcher m = PLUGIN.matcher(template);
        int pinned = 0;
        while (m.find()) {
            pinned++;
            String plugin = m.group(1);
            Matcher r = Pattern.compile("<artifactId>" + plugin + "</artifactId>\\s*<version>([^<]+)</version>").matcher(root);
            assertTrue(r.find(), plugin + " is not pinned in the root pom");
            assertEquals(r.group(1), m.group(2), plugin + ": the exported pom must use the workbench build's version");
        }
        assertEquals(7, pinned, "clean, resources, compiler, surefire, install, jar, dependency");
    }

    @Test
    void fillsInTheJob() {
        ExportedJob job = new ExportedJob("notebooks/a--b.ipynb", "Sales & more", "0123456789ab", Instant.EPOCH,
                "0.1.0-SNAPSHOT", new JobNames("sales", "SalesJob"), "jobs.SalesJob", List.of(), List.of(),
                "src/main/java/jobs/SalesJob.java", "");
        String pom = PomFile.render(job);
        assertTrue(pom.contains("<artifactId>sales</artifactId>\n  <version>0123456789ab</version>\n"
                + "  <name>Sales &amp; more</name>"), pom);
        assertTrue(pom.contains("<workbench.version>0.1.0-SNAPSHOT</workbench.version>"));
        assertTrue(pom.contains("<mainClass>jobs.SalesJob</mainClass>"));
        assertTrue(pom.contains("<finalName>sales</finalName>"));
        assertTrue(pom.contains("from notebooks/a- -b.ipynb"), "no -- inside an XML comment");
        assertFalse(pom.contains("{{"), pom);
    }
}
