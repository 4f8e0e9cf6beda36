package io.workbench.jobs.analysis;

import io.workbench.jobs.RuntimeClasspath;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * The imports every notebook starts with, read from the runtime itself ({@code io.workbench.ext.runtime.Imports}),
 * so that cells are analysed with exactly the imports the kernel preloads.
 *
 * <p>Imports names Spark packages only in strings. It is loaded in a class loader that sees the one class path entry
 * holding it and the JDK, nothing else: should it ever refer to a Spark class, that fails here
 * ({@link IllegalStateException}) rather than loading Spark into the exporter's JVM.
 */
public final class RuntimeImports {
    static final String CLASS = "io.workbench.ext.runtime.Imports";
    private static final String RESOURCE = CLASS.replace('.', '/') + ".class";

    private RuntimeImports() {
    }

    /**
     * @throws IllegalStateException when no class path entry holds the runtime's Imports, or it cannot be read
     */
    public static List<String> read(RuntimeClasspath classpath) {
        Path holder = classpath.entries().stream().filter(RuntimeImports::holdsImports).findFirst()
                .orElseThrow(() -> new IllegalStateException("No entry of the runtime class path holds " + CLASS
                        + ": pass the job runtime's class path (job-runtime/target/job-runtime.classpath and its jar)."));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {holder.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Object statements = loader.loadClass(CLASS).getMethod("statements").invoke(null);
            return ((List<?>) statements).stream().map(String.class::cast).toList();
        } catch (IOException | ReflectiveOperationException | LinkageError e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new IllegalStateException("Cannot read the default imports from " + holder + ": " + cause, cause);
        }
    }

    private static boolean holdsImports(Path entry) {
        if (Files.isDirectory(entry)) {
            return Files.isRegularFile(entry.resolve(RESOURCE));
        }
        if (!Files.isRegularFile(entry)) {
            return false;
        }
        try (ZipFile jar = new ZipFile(entry.toFile())) {
            return jar.getEntry(RESOURCE) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
