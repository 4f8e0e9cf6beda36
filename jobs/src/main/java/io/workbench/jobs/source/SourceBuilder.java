package io.workbench.jobs.source;

import io.workbench.jobs.analysis.Fragment;
import java.util.ArrayList;
import java.util.List;

/** Lines of a class being written, each with the cell line it came from. Not thread-safe. */
final class SourceBuilder {
    private final StringBuilder text = new StringBuilder();
    private final List<JobSource.Origin> origins = new ArrayList<>();

    /** A line the exporter writes itself. */
    SourceBuilder line(String line) {
        return line(line, null);
    }

    SourceBuilder line(String line, JobSource.Origin origin) {
        text.append(line).append('\n');
        origins.add(origin);
        return this;
    }

    /**
     * A cell's code, each line indented; {@code prefix} goes before its first line and {@code suffix} after its last.
     * Blank lines stay empty, so text blocks keep their content.
     */
    SourceBuilder fragment(String indent, String prefix, Fragment f, String suffix) {
        List<String> lines = f.text().stripTrailing().lines().toList();
        if (lines.isEmpty()) {
            lines = List.of("");
        }
        for (int i = 0; i < lines.size(); i++) {
            String l = (i == 0 ? prefix : "") + lines.get(i) + (i == lines.size() - 1 ? suffix : "");
            line(l.isBlank() ? "" : indent + l, new JobSource.Origin(f.cellId(), f.firstLine() + i));
        }
        return this;
    }

    JobSource build(String qualifiedName) {
        return new JobSource(qualifiedName, text.toString(), origins);
    }
}
