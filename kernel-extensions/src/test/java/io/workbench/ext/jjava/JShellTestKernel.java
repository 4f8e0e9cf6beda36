package io.workbench.ext.jjava;

import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;
import org.dflib.jjava.jupyter.ExtensionLoader;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * A minimal Java kernel on JJava's real BaseKernel (jupyter-jvm-basekernel 1.0-M3), standing in for the stock
 * JJava kernel, which cannot be downloaded here. It behaves as JJava 1.0-M3 does where the extension depends
 * on it:
 *
 * <ul>
 *   <li>cells run in JShell in this JVM, their classes defined by one loader ({@link CellClassLoader}) whose
 *       parent is the kernel's own class path, which does not include {@code hiddenPaths};</li>
 *   <li>a cell's value that is a DisplayData is returned as it is, any other value is rendered with
 *       {@link #getRenderer()};</li>
 *   <li>{@code %jars <paths>} does what {@code %maven} does with the jars it resolved: adds them to the cells'
 *       class path, then loads the extensions they declare through JJava's {@link ExtensionLoader}, which looks
 *       them up in META-INF/services, and installs each one;</li>
 *   <li>a startup cell imports a {@code display(Object)} statically, as JJava's default imports do.</li>
 * </ul>
 *
 * Not thread-safe; BaseKernel calls it from its shell thread.
 */
final class JShellTestKernel extends BaseKernel implements AutoCloseable {
    private static final String JARS_MAGIC = "%jars ";

    private final HidingClassLoader kernelClassPath;
    private final ValueExecutionControl control;
    private final JShell jshell;
    private final ExtensionLoader extensionLoader = new ExtensionLoader();

    JShellTestKernel(List<Path> hiddenPaths) throws Exception {
        this.kernelClassPath = new HidingClassLoader(JShellTestKernel.class.getClassLoader(), hiddenPaths);
        this.control = new ValueExecutionControl(new CellClassLoader(kernelClassPath));
        this.jshell = JShell.builder()
                .executionEngine(control.provider(), Map.of())
                .in(InputStream.nullInputStream())
                .out(new PrintStream(System.out, true))
                .err(new PrintStream(System.err, true))
                .build();
        // The compiler's class path: everything, hidden paths included, as JJava compiles against its own jar
        // plus whatever %maven added.
        jshell.addToClasspath(System.getProperty("java.class.path"));
        StockKernelFunctions.bind(this);
        eval("import static " + StockKernelFunctions.class.getName() + ".*;");
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        if (code.strip().startsWith(JARS_MAGIC)) {
            addJars(code.strip().substring(JARS_MAGIC.length()).strip());
            return null;
        }
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
                    throw e.exception();
                }
                hasValue = producesValue(e.snippet());
                value = control.takeValue();
            }
        }
        if (!hasValue || value == null) {
            return null;
        }
        return value instanceof DisplayData data ? data : getRenderer().render(value);
    }

    private void addJars(String paths) {
        jshell.addToClasspath(paths);
        List<String> jars = Arrays.asList(paths.split(File.pathSeparator));
        extensionLoader.loadExtensions(jars).forEach(extension -> extension.install(this));
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
    public LanguageInfo getLanguageInfo() {
        return new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jshell", "java",
                "java", "script");
    }

    @Override
    public void close() {
        jshell.close();
        kernelClassPath.close();
    }
}
