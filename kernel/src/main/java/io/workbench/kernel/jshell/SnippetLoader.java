package io.workbench.kernel.jshell;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/**
 * The class loader of cell code, and JShell's loader delegate. Its parent is the kernel's application loader,
 * so cells see Spark, Kafka and the notebook runtime. It also serves the bytes of every snippet class as a
 * resource (Spark's closure cleaner reads them) and, when {@code classOutputDir} is set, writes them there so
 * that executors on a cluster can fetch them through {@code spark.repl.class.outputDir}.
 */
public final class SnippetLoader extends URLClassLoader implements LoaderDelegate {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classBytes = new ConcurrentHashMap<>();
    private final Set<String> baseClasspath;
    private final Path classOutputDir;

    public SnippetLoader(ClassLoader parent, Path classOutputDir) {
        super("workbench-snippets", new URL[0], parent);
        this.classOutputDir = classOutputDir;
        this.baseClasspath = Set.of(System.getProperty("java.class.path", "").split(File.pathSeparator));
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
        boolean[] installed = new boolean[cbcs.length];
        for (ClassBytecodes c : cbcs) {
            classBytes.put(c.name(), c.bytecodes());
            writeOut(c);
        }
        int i = 0;
        try {
            for (ClassBytecodes c : cbcs) {
                Class<?> k = loadClass(c.name());
                k.getDeclaredMethods();
                installed[i++] = true;
            }
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ClassInstallException("cannot load snippet class: " + e, installed);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
        for (ClassBytecodes c : cbcs) {
            classBytes.put(c.name(), c.bytecodes());
            writeOut(c);
        }
    }

    /** The bytes of a snippet class by binary name ({@code REPL.$JShell$12}), or null if cells did not define it. */
    public byte[] snippetBytes(String binaryName) {
        return classBytes.get(binaryName);
    }

    /** Adds jars or directories for cells; entries the kernel was started with are already visible. */
    @Override
    public void addToClasspath(String path) throws InternalException {
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank() || baseClasspath.contains(entry)) {
                continue;
            }
            try {
                addURL(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new InternalException("bad class path entry " + entry + ": " + e.getMessage());
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classBytes.get(name);
        if (bytes == null) {
            return super.findClass(name);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
        }
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        if (name.endsWith(".class")) {
            byte[] bytes = classBytes.get(name.substring(0, name.length() - 6).replace('/', '.'));
            if (bytes != null) {
                return new ByteArrayInputStream(bytes);
            }
        }
        return super.getResourceAsStream(name);
    }

    private void writeOut(ClassBytecodes c) {
        if (classOutputDir == null) {
            return;
        }
        try {
            Path file = classOutputDir.resolve(c.name().replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, c.bytecodes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write snippet class " + c.name() + " to " + classOutputDir, e);
        }
    }
}
