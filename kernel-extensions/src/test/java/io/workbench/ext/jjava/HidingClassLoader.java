package io.workbench.ext.jjava;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * The class path of a stock JJava kernel as its cells see it: this JVM's application class path without the
 * given paths. Classes in those paths reach cells only once {@code %jars} adds the paths, and then as a copy of
 * their own, as in a JJava kernel where only {@code %maven} brought our jar.
 */
final class HidingClassLoader extends ClassLoader implements AutoCloseable {
    static {
        registerAsParallelCapable();
    }

    private final URLClassLoader hidden;

    HidingClassLoader(ClassLoader application, List<Path> hiddenPaths) {
        super("test-kernel-class-path", application);
        this.hidden = new URLClassLoader(hiddenPaths.stream().map(HidingClassLoader::url).toArray(URL[]::new), null);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (hidden.findResource(name.replace('.', '/') + ".class") != null) {
            throw new ClassNotFoundException(name + " is not on the kernel's own class path");
        }
        return super.loadClass(name, resolve);
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path.toString(), e);
        }
    }

    @Override
    public void close() {
        try {
            hidden.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
