package io.workbench.ext.jjava;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class path of a stock JJava kernel as its cells see it: this JVM's application class path without the
 * given paths, their classes and their resources (META-INF/services included). Classes in those paths reach cells
 * only once the kernel adds the paths to the cells' class path, and then as a copy of their own, as in a JJava
 * kernel where only {@code JJAVA_CLASSPATH} or {@code %maven} brought our jars.
 */
final class HidingClassLoader extends ClassLoader implements AutoCloseable {
    static {
        registerAsParallelCapable();
    }

    private final URLClassLoader hidden;
    private final List<Path> hiddenPaths;

    HidingClassLoader(ClassLoader application, List<Path> hiddenPaths) {
        super("test-kernel-class-path", application);
        this.hiddenPaths = hiddenPaths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.hidden = new URLClassLoader(hiddenPaths.stream().map(HidingClassLoader::url).toArray(URL[]::new), null);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (hidden.findResource(name.replace('.', '/') + ".class") != null) {
            throw new ClassNotFoundException(name + " is not on the kernel's own class path");
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        try {
            Enumeration<URL> all = getResources(name);
            return all.hasMoreElements() ? all.nextElement() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> visible = new ArrayList<>();
        for (URL u : Collections.list(super.getResources(name))) {
            if (!isHidden(u)) {
                visible.add(u);
            }
        }
        return Collections.enumeration(visible);
    }

    /** Whether a resource URL (file:/dir/name or jar:file:/x.jar!/name) points into a hidden path. */
    private boolean isHidden(URL resource) {
        String s = resource.toExternalForm();
        String location = s.startsWith("jar:") ? s.substring(4, s.indexOf("!/")) : s;
        if (!location.startsWith("file:")) {
            return false;
        }
        Path path = Path.of(URI.create(location)).toAbsolutePath().normalize();
        return hiddenPaths.stream().anyMatch(path::startsWith);
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
