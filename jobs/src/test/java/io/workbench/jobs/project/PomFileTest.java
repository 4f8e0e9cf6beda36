package io.workbench.jobs.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.jobs.Deployment;
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
            assertEquals(property(root, r.group(1)), m.group(2), plugin + ": the exported pom must use the workbench"
                    + " build's version");
        }
        assertEquals(8, pinned, "clean, resources, compiler, surefire, install, shade, jar, dependency");
    }

    /** A version as the root pom says it: itself, or the value of the property it names. */
    private static String property(String pom, String version) {
        Matcher p = Pattern.compile("\\$\\{(.+)}").matcher(version);
        if (!p.matches()) {
            return version;
        }
        Matcher v = Pattern.compile("<" + Pattern.quote(p.group(1)) + ">([^<]+)</").matcher(pom);
        assertTrue(v.find(), version + " is not a property of the root pom");
        return v.group(1);
    }

    @Test
    void theClusterJarTakesInTheJobWithoutSparkAndWithoutTheLibClassPath() {
        String pom = PomFile.render(TestJobs.sales(Deployment.unknown()));
        assertTrue(pom.contains("<shadedClassifierName>cluster</shadedClassifierName>"), pom);
        assertTrue(pom.contains("<include>io.workbench.jobs:sales</include>"));
        assertTrue(pom.contains("<include>org.apache.spark:spark-sql-kafka-0-10_2.12</include>"));
        assertFalse(pom.contains("<include>org.apache.spark:spark-sql_"), "Spark is the cluster's");
        assertTrue(pom.contains("<Class-Path></Class-Path>"));
        assertTrue(pom.contains("ServicesResourceTransformer"), "kafka and avro data sources stay registered");
    }

    @Test
    void fillsInTheJob() {
        ExportedJob job = new ExportedJob("notebooks/a--b.ipynb", "Sales & more", "0123456789ab", Instant.EPOCH,
                "0.1.0-SNAPSHOT", new JobNames("sales", "SalesJob"), "jobs.SalesJob", List.of(), List.of(),
                "src/main/java/jobs/SalesJob.java", "", Deployment.unknown(), TestJobs.JVM_OPTIONS, "3.5.7");
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
