package io.workbench.jobs.compile;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import io.workbench.jobs.ExportProblem;
import io.workbench.jobs.RuntimeClasspath;
import io.workbench.jobs.source.JobSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles a generated class with the JDK's compiler in this JVM, against the runtime's jars as files: javac reads
 * their class files and loads none of them. Class files are dropped; the exported project is built by Maven.
 *
 * <p>Not thread-safe (javac's file manager is not); close it to release the jars.
 */
public final class JobCompiler implements AutoCloseable {
    private static final List<String> OPTIONS = List.of("--release", "17", "-proc:none", "-implicit:none",
            "-Xlint:none", "-Xmaxerrs", "100", "-encoding", "UTF-8");

    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final StandardJavaFileManager files;

    /** An attributed compilation unit and its task, or the errors that kept it from being one. */
    public record Analyzed(JavacTask task, CompilationUnitTree unit, List<ExportProblem> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public JobCompiler(RuntimeClasspath classpath) {
        if (javac == null) {
            throw new IllegalStateException("No Java compiler in this JVM: run the exporter on a JDK, not a JRE.");
        }
        this.files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        try {
            files.setLocation(StandardLocation.CLASS_PATH, classpath.entries().stream().map(Path::toFile).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses and attributes the class (no class files), for its trees; errors are mapped to notebook cells. */
    public Analyzed analyze(JobSource source) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = task(source, diagnostics, files);
        try {
            CompilationUnitTree unit = task.parse().iterator().next();
            task.analyze();
            return new Analyzed(task, unit, CompileErrors.of(source, diagnostics.getDiagnostics()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles the class completely, class files included (and dropped); returns its errors, mapped to cells. */
    public List<ExportProblem> compile(JobSource source) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        task(source, diagnostics, new DiscardingFileManager(files)).call();
        return CompileErrors.of(source, diagnostics.getDiagnostics());
    }

    private JavacTask task(JobSource source, DiagnosticCollector<JavaFileObject> diagnostics,
                           javax.tools.JavaFileManager fileManager) {
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + source.path()), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source.text();
            }
        };
        return (JavacTask) javac.getTask(null, fileManager, diagnostics, new ArrayList<>(OPTIONS), null, List.of(file));
    }

    @Override
    public void close() {
        try {
            files.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
