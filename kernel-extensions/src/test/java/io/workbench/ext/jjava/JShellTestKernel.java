package io.workbench.ext.jjava;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

/**
 * A minimal Java kernel on JJava's real BaseKernel (jjava-jupyter, the version the build pins), standing in for
 * the stock JJava kernel, whose own artifact no registry here serves. It behaves as JJava 1.0-a6 and 1.0-a7 do
 * where the extension depends on it:
 *
 * <ul>
 *   <li>cells run in JShell in this JVM, their classes defined by one loader ({@link CellClassLoader}) whose
 *       parent is the kernel's own class path, which does not include {@code hiddenPaths};</li>
 *   <li>{@link #evalRaw} returns a cell's value as an object; BaseKernel's own {@code eval} then returns a
 *       DisplayData as it is and renders any other value with {@link #getRenderer()};</li>
 *   <li>{@link #onStartup()} is BaseKernel's (the notebook kernel, then extensions on the kernel's own class
 *       path), followed by JJava's default imports, which include {@code BaseNotebookStatics.*} with its
 *       {@code display(Object)};</li>
 *   <li>{@link #addToClasspath} does what JJava does with {@code JJAVA_CLASSPATH} at start and with the jars
 *       {@code %maven} resolved: adds them to the cells' class path, then BaseKernel's
 *       {@code installExtensions} finds the extensions they declare in META-INF/services and installs each.</li>
 * </ul>
 *
 * No magics: JJava turns them into code before JShell sees it. Not thread-safe; BaseKernel calls it from its
 * shell thread, and the test from its own before that.
 */
final class JShellTestKernel extends BaseKernel implements AutoCloseable {
    /** What JJava's NotebookInitializer imports at start; StockKernelFunctions stands in for JavaNotebookStatics. */
    private static final String DEFAULT_IMPORTS = """
            import java.util.*;
            import java.io.*;
            import java.math.*;
            import java.net.*;
            import java.time.*;
            import java.util.concurrent.*;
            import java.util.prefs.*;
            import java.util.regex.*;
            import static org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.*;
            import static io.workbench.ext.jjava.StockKernelFunctions.*;
            """;

    private final HidingClassLoader kernelClassPath;
    private final ValueExecutionControl control;
    private final CellClassLoader cells;
    private final JShell jshell;

    JShellTestKernel(List<Path> hiddenPaths) {
        super("workbench-jjava-test", "test",
                new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jshell", "java",
                        "java", "script"),
                List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(), null,
                new MagicsRegistry(), true, new StringStyler.Builder().build());
        this.kernelClassPath = new HidingClassLoader(JShellTestKernel.class.getClassLoader(), hiddenPaths);
        this.cells = new CellClassLoader(kernelClassPath);
        this.control = new ValueExecutionControl(cells);
        this.jshell = JShell.builder()
                .executionEngine(control.provider(), Map.of())
                .in(InputStream.nullInputStream())
                .out(new PrintStream(System.out, true))
                .err(new PrintStream(System.err, true))
                .build();
        // The compiler's class path: everything, hidden paths included, as JJava compiles against its own jar
        // plus whatever was added.
        jshell.addToClasspath(System.getProperty("java.class.path"));
    }

    @Override
    public void onStartup() {
        super.onStartup();
        eval(DEFAULT_IMPORTS);
    }

    /** JJava's JavaKernel.addToClasspath: the cells' class path first, then the extensions in those paths. */
    void addToClasspath(String paths) {
        jshell.addToClasspath(paths);
        if (extensionsEnabled) {
            installExtensions(paths);
        }
    }

    /** The extensions this kernel installed, as JJava keeps them: by class name. */
    Map<String, Extension> installedExtensions() {
        return Map.copyOf(extensions);
    }

    /** As JavaKernel's: the loader of the cells, which BaseKernel's installExtensions builds on. */
    @Override
    protected ClassLoader getClassLoader() {
        return cells;
    }

    @Override
    public Object evalRaw(String code) {
        Object value = null;
        boolean hasValue = false;
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = jshell.sourceCodeAnalysis().analyzeCompletion(remaining);
            if (!info.completeness().isComplete()) {
                throw new IllegalArgumentException("Incomplete input: " + remaining);
            }
            remaining = info.remaining();
            for (SnippetEvent e : jshell.eval(info.source())) {
                if (e.causeSnippet() != null) {
                    continue;
                }
                if (e.status() == Snippet.Status.REJECTED) {
                    throw new IllegalArgumentException(diagnostics(e.snippet()));
                }
                if (e.exception() != null) {
                    throw new CellFailed(e.exception());
                }
                hasValue = producesValue(e.snippet());
                value = control.takeValue();
            }
        }
        return hasValue ? value : null;
    }

    private static boolean producesValue(Snippet s) {
        if (s instanceof ExpressionSnippet e) {
            return !"void".equals(e.typeName());
        }
        return s instanceof VarSnippet v && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                && !"void".equals(v.typeName());
    }

    private String diagnostics(Snippet snippet) {
        return snippet.source() + "\n" + jshell.diagnostics(snippet).map(d -> d.getMessage(Locale.ROOT))
                .collect(Collectors.joining("\n"));
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return null;
    }

    @Override
    public String isComplete(String code) {
        return IS_COMPLETE_MAYBE;
    }

    @Override
    public void close() {
        jshell.close();
        kernelClassPath.close();
    }

    /** A cell threw; JJava's eval declares no checked exceptions from 1.0-a5 on. */
    static final class CellFailed extends RuntimeException {
        CellFailed(JShellException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
