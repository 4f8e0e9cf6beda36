package io.workbench.jobs.compile;

import io.workbench.jobs.source.JobSource;
import java.util.ArrayList;
import java.util.List;

/** A hand-written class for compile tests: lines the "exporter" wrote, and lines from cells. */
final class TestSource {
    private final StringBuilder text = new StringBuilder();
    private final List<JobSource.Origin> origins = new ArrayList<>();

    TestSource generated(String... lines) {
        for (String l : lines) {
            text.append(l).append('\n');
            origins.add(null);
        }
        return this;
    }

    /** Lines of cell {@code cellId}, the first of them its line {@code firstLine}. */
    TestSource cell(String cellId, int firstLine, String code) {
        List<String> lines = code.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            text.append(lines.get(i)).append('\n');
            origins.add(new JobSource.Origin(cellId, firstLine + i));
        }
        return this;
    }

    JobSource build() {
        return new JobSource("jobs.T", text.toString(), origins);
    }
}
