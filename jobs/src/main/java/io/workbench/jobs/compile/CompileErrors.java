package io.workbench.jobs.compile;

import io.workbench.jobs.ExportProblem;
import io.workbench.jobs.source.JobSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** javac's errors in a generated class, each at the notebook cell and line its code came from. */
final class CompileErrors {
    private CompileErrors() {
    }

    static List<ExportProblem> of(JobSource source, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        List<ExportProblem> out = new ArrayList<>();
        List<String> lines = source.text().lines().toList();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String message = d.getMessage(Locale.ROOT).lines()
                    .filter(l -> !l.trim().equals("location: class " + source.qualifiedName()))
                    .collect(Collectors.joining("\n"));
            long line = d.getLineNumber();
            JobSource.Origin origin = source.origin(line);
            if (origin != null) {
                out.add(ExportProblem.at(origin.cellId(), origin.line(), message));
            } else {
                String text = line >= 1 && line <= lines.size() ? lines.get((int) line - 1).strip() : "";
                out.add(ExportProblem.of("in code the exporter generated (" + source.path() + ", line " + line
                        + ": " + text + "): " + message));
            }
        }
        return out;
    }
}
