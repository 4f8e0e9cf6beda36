package io.workbench.jobs.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectWriterTest {
    @TempDir
    Path tmp;

    @Test
    void writesANewProjectAndLeavesNothingElseBehind() throws Exception {
        Path out = tmp.resolve("jobs/sales/project");
        Path written = ProjectWriter.write(out, Map.of("job.json", "{}", "src/main/java/jobs/A.java", "class A {}"));
        assertEquals(out.toAbsolutePath(), written);
        assertEquals("class A {}", Files.readString(out.resolve("src/main/java/jobs/A.java")));
        assertEquals(List.of("project"), names(out.getParent()));
    }

    @Test
    void replacesAnEarlierExportWhole() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(out.resolve("job.json"), "{\"old\": true}");
        Files.createDirectories(out.resolve("target/lib"));
        Files.writeString(out.resolve("stale.txt"), "from the last export");
        ProjectWriter.write(out, Map.of("job.json", "{}", "pom.xml", "<project/>"));
        assertEquals(List.of("job.json", "pom.xml"), names(out));
        assertEquals("{}", Files.readString(out.resolve("job.json")));
        assertEquals(List.of("project"), names(tmp), "no temporary or old directory left");
    }

    @Test
    void refusesToReplaceADirectoryThatIsNoExport() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(out.resolve("thesis.tex"), "years of work");
        IOException e = assertThrows(IOException.class, () -> ProjectWriter.write(out, Map.of("job.json", "{}")));
        assertTrue(e.getMessage().contains("is not an exported project"), e.getMessage());
        assertEquals(List.of("thesis.tex"), names(out));
        assertEquals(List.of("home"), names(tmp));
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThrows(IOException.class, () -> ProjectWriter.write(file, Map.of("job.json", "{}")));
        assertFalse(Files.isDirectory(file));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
