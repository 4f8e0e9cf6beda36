package io.workbench.ext.jjava;

import io.workbench.config.ConfigKey;
import io.workbench.config.Settings;
import io.workbench.ext.runtime.NotebookRuntime;
import io.workbench.ext.runtime.RuntimeHost;
import io.workbench.ext.display.DisplaySink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * Sets up the notebook runtime in a JJava kernel: starts it (or reuses the one this JVM already has), runs
 * the preloaded imports as cells, teaches the kernel's renderer our values, and waits for Spark.
 *
 * <p>{@link WorkbenchExtension} calls it through the class loader of the kernel's cells, so that everything
 * here is the copy of our classes that cells see. It runs on the kernel's cell thread; cells should not call it.
 */
public final class JJavaInstaller {
    public static final ConfigKey<Integer> SPARK_START_TIMEOUT = ConfigKey.integer(
            "jjava.spark-start-timeout-seconds", 180,
            "How long loading the JJava extension waits for Spark before it reports that Spark did not start.");

    /**
     * JJava's own startup imports a display(Object) on demand ({@code org.dflib.jjava.runtime.Display.*} in
     * 1.0-M3, {@code BaseNotebookStatics.*} from 1.0-a6), which would make a bare display(...) ambiguous next to
     * ours. A single-static import shadows on-demand ones of the same signature.
     */
    private static final String DISPLAY_IMPORT = "import static io.workbench.ext.Notebook.display;";

    private static final String LOG4J_CONFIG = "log4j2.configurationFile";

    private JJavaInstaller() {
    }

    /**
     * Installs the runtime for {@code kernel}, whose cells' classes {@code cellLoader} defines; Spark starts with
     * it as context class loader, which lets lambdas written in cells run inside Spark tasks. Returns once Spark
     * is up; throws {@link IllegalStateException} that says why and what to do if it failed or timed out. By
     * then {@code kafka} and {@code display(...)} already work. Called at kernel start (JJAVA_CLASSPATH) it delays
     * the kernel's readiness by Spark's start, a few seconds.
     */
    public static void install(BaseKernel kernel, ClassLoader cellLoader) {
        // Spark's default logging would write INFO lines for every job into the cells, through the System.err
        // that JJava swaps in while a cell runs. Unless the JVM names a configuration, log as our kernel does.
        // This only works if nothing has used log4j yet, which is so in a stock JJava kernel.
        if (System.getProperty(LOG4J_CONFIG) == null) {
            System.setProperty(LOG4J_CONFIG, "io/workbench/ext/jjava/log4j2.properties");
        }
        Settings settings = Settings.load();
        NotebookRuntime runtime = NotebookRuntime.installIfAbsent(
                new Host(cellLoader, new JJavaDisplaySink(kernel)), settings);
        List<String> failed = preload(kernel, runtime);
        if (!failed.isEmpty()) {
            kernel.getIO().err.println("Some preloaded imports failed:\n  " + String.join("\n  ", failed));
        }
        RuntimeRenderFunction.register(kernel.getRenderer(), runtime);
        awaitSpark(runtime, Duration.ofSeconds(settings.get(SPARK_START_TIMEOUT)));
    }

    private static List<String> preload(BaseKernel kernel, NotebookRuntime runtime) {
        List<String> snippets = new ArrayList<>(runtime.imports());
        snippets.add(DISPLAY_IMPORT);
        List<String> failed = new ArrayList<>();
        for (String snippet : snippets) {
            try {
                kernel.eval(snippet);
            } catch (Exception e) {
                failed.add(snippet + " " + e.getMessage());
            }
        }
        return failed;
    }

    private static void awaitSpark(NotebookRuntime runtime, Duration timeout) {
        try {
            runtime.awaitReady(timeout);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Spark did not start within " + timeout.toSeconds() + " s (set "
                    + SPARK_START_TIMEOUT.envName() + " to wait longer); spark stays null until it is up.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Spark to start; spark may still be null.", e);
        }
    }

    /** What the runtime needs from a JJava kernel. */
    private record Host(ClassLoader snippetClassLoader, DisplaySink displaySink) implements RuntimeHost {
    }
}
