package io.workbench.ext.jjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.ext.jjava.ClassFileRefs.Kind;
import io.workbench.ext.jjava.ClassFileRefs.Ref;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodType;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Would the runtime's compiled classes link against a given JJava base library? Every JJava class, method and field
 * that a class of kernel-extensions names must exist there with the same descriptor (return type included, which
 * is what broke {@code setDisplayId} from 1.0-a7 on) and be public, and every JJava type that one of our classes
 * implements must have no abstract method that the class lacks. It checks the base libraries that the build copies
 * to {@code jjava.api.dir} (1.0-M3 and the pinned jjava-jupyter), any jars named in
 * {@code -Djjava.api.jars=a.jar:b.jar}, and, for a release the registry does not serve, a list of the members it
 * is known to declare ({@code jjava-jupyter-1.0-a7.api}; the abstract-method check needs a jar).
 */
class JJavaApiLinkageTest {
    private static final String JJAVA = "org/dflib/jjava/";
    /** Lists of checked members, for releases with no jar here. */
    private static final List<String> API_LISTS = List.of("jjava-jupyter-1.0-a7.api");

    @TestFactory
    Stream<DynamicTest> theRuntimeLinksAgainstEachJJavaBaseLibrary() throws IOException {
        Map<String, Set<Ref>> refs = jjavaRefsByClass();
        return apiJars().stream().map(jar -> DynamicTest.dynamicTest(jar.getFileName().toString(), () -> {
            try (URLClassLoader api = apiLoader(jar)) {
                List<String> problems = new ArrayList<>();
                refs.forEach((user, used) -> used.forEach(ref -> {
                    String problem = check(ref, api);
                    if (problem != null) {
                        problems.add(user + " -> " + ref + ": " + problem);
                    }
                }));
                problems.addAll(unimplemented(classNames(refs.keySet()), api));
                assertEquals(List.of(), problems, "kernel-extensions would fail to link against " + jar);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> theRuntimeNamesOnlyMembersKnownInReleasesWithoutAJar() throws IOException {
        Map<String, Set<Ref>> refs = jjavaRefsByClass();
        return API_LISTS.stream().map(list -> DynamicTest.dynamicTest(list, () -> {
            Set<String> known = readList(list);
            List<String> unknown = new ArrayList<>();
            refs.forEach((user, used) -> used.stream().filter(r -> !known.contains(r.toString()))
                    .forEach(r -> unknown.add(user + " -> " + r)));
            assertEquals(List.of(), unknown, "not known to be in " + list + ": check JJava's source at that release"
                    + " (or run this test with -Djjava.api.jars=<its jjava-jupyter jar>), then add it to the list");
        }));
    }

    /** The checker itself: it sees what the adapter calls, and it tells return types apart. */
    @Test
    void theCheckerSeesTheAdaptersCallsAndTheirReturnTypes() throws IOException {
        Set<Ref> all = new HashSet<>();
        jjavaRefsByClass().values().forEach(all::addAll);
        assertTrue(all.contains(new Ref(Kind.METHOD, "org/dflib/jjava/jupyter/kernel/BaseKernel", "display",
                "(Lorg/dflib/jjava/jupyter/kernel/display/DisplayData;)V")), all::toString);
        Path pinned = apiJars().stream().filter(p -> p.getFileName().toString().startsWith("jjava-jupyter-"))
                .findFirst().orElseThrow();
        try (URLClassLoader api = apiLoader(pinned)) {
            String dataType = "org/dflib/jjava/jupyter/kernel/display/DisplayData";
            assertEquals(null, check(new Ref(Kind.METHOD, dataType, "setDisplayId", "(Ljava/lang/String;)V"), api));
            assertFalse(check(new Ref(Kind.METHOD, dataType, "setDisplayId", "(Ljava/lang/String;)L" + dataType + ";"),
                    api) == null, "a call compiled against 1.0-a7 must not link against " + pinned);
        }
    }

    private static List<Path> apiJars() throws IOException {
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("jjava.api.dir", "target/jjava-api")))) {
            files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
        }
        String extra = System.getProperty("jjava.api.jars", "");
        for (String p : extra.split(File.pathSeparator)) {
            if (!p.isBlank()) {
                jars.add(Path.of(p));
            }
        }
        assertTrue(jars.size() >= 2, () -> "expected JJava 1.0-M3 and the pinned jjava-jupyter, found " + jars);
        return jars;
    }

    private static Set<String> readList(String name) throws IOException {
        try (InputStream in = JJavaApiLinkageTest.class.getResourceAsStream(name)) {
            assertTrue(in != null, "no resource " + name);
            Set<String> lines = new HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.strip());
                }
            }
            return lines;
        }
    }

    /** The JJava base library alone, with the libraries its signatures name (Gson, JeroMQ, SLF4J). */
    private static URLClassLoader apiLoader(Path jar) throws IOException {
        List<URL> urls = new ArrayList<>(List.of(jar.toUri().toURL()));
        for (String type : List.of("com.google.gson.Gson", "org.zeromq.ZMQ", "org.slf4j.Logger")) {
            try {
                urls.add(Class.forName(type).getProtectionDomain().getCodeSource().getLocation());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(type + " is not on the test class path", e);
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /** Every class file of kernel-extensions' main output, with the JJava references it holds. */
    private static Map<String, Set<Ref>> jjavaRefsByClass() throws IOException {
        Path classes;
        try {
            classes = Path.of(WorkbenchExtension.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        assertTrue(Files.isDirectory(classes), "expected the main classes as a directory: " + classes);
        Map<String, Set<Ref>> refs = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(p -> p.toString().endsWith(".class")).forEach(p -> {
                try {
                    Set<Ref> jjava = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
                    for (Ref r : ClassFileRefs.read(Files.readAllBytes(p))) {
                        String owner = r.owner().replaceFirst("^\\[+L(.*);$", "$1");
                        if (owner.startsWith(JJAVA)) {
                            jjava.add(new Ref(r.kind(), owner, r.name(), r.descriptor()));
                        }
                    }
                    if (!jjava.isEmpty()) {
                        refs.put(classes.relativize(p).toString(), jjava);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertFalse(refs.isEmpty(), "no class of kernel-extensions refers to JJava: the scan is broken");
        return refs;
    }

    /** Null if {@code ref} resolves to a public member of a public class, else why not. */
    static String check(Ref ref, ClassLoader api) {
        Class<?> owner;
        try {
            owner = Class.forName(ref.owner().replace('/', '.'), false, api);
        } catch (ClassNotFoundException | LinkageError e) {
            return "no such class";
        }
        if (!Modifier.isPublic(owner.getModifiers())) {
            return "class is not public";
        }
        if (ref.kind() == Kind.CLASS) {
            return null;
        }
        for (Class<?> c : hierarchy(owner)) {
            if (ref.kind() == Kind.FIELD) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getName().equals(ref.name()) && descriptor(f.getType()).equals(ref.descriptor())) {
                        return Modifier.isPublic(f.getModifiers()) ? null : "field is not public";
                    }
                }
                continue;
            }
            List<Executable> candidates = new ArrayList<>(Arrays.asList(c.getDeclaredMethods()));
            if (ref.name().equals("<init>") && c == owner) {
                candidates.addAll(Arrays.asList(c.getDeclaredConstructors()));
            }
            for (Executable m : candidates) {
                String name = m instanceof Method ? m.getName() : "<init>";
                if (name.equals(ref.name()) && descriptor(m).equals(ref.descriptor())) {
                    return Modifier.isPublic(m.getModifiers()) ? null : "not public";
                }
            }
        }
        return "no such " + (ref.kind() == Kind.FIELD ? "field" : "method");
    }

    /** Abstract methods of JJava types that our classes extend or implement but do not define. */
    private static List<String> unimplemented(Set<String> ourClasses, ClassLoader api) {
        List<String> problems = new ArrayList<>();
        for (String name : ourClasses) {
            Class<?> ours;
            try {
                ours = Class.forName(name, false, JJavaApiLinkageTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            Set<String> defined = new HashSet<>();
            for (Method m : ours.getDeclaredMethods()) {
                defined.add(m.getName() + descriptor(m));
            }
            List<Class<?>> supertypes = new ArrayList<>(Arrays.asList(ours.getInterfaces()));
            supertypes.add(ours.getSuperclass());
            for (Class<?> type : supertypes) {
                if (type == null || !type.getName().startsWith(JJAVA.replace('/', '.'))) {
                    continue;
                }
                Class<?> theirs;
                try {
                    theirs = Class.forName(type.getName(), false, api);
                } catch (ClassNotFoundException e) {
                    continue; // reported as a missing class
                }
                for (Method m : theirs.getMethods()) {
                    if (Modifier.isAbstract(m.getModifiers()) && !defined.contains(m.getName() + descriptor(m))) {
                        problems.add(ours.getSimpleName() + " lacks " + theirs.getSimpleName() + "." + m.getName()
                                + descriptor(m));
                    }
                }
            }
        }
        return problems;
    }

    /** Binary class names from class file paths relative to the output directory. */
    private static Set<String> classNames(Set<String> classFiles) {
        Set<String> names = new TreeSet<>();
        for (String f : classFiles) {
            names.add(f.substring(0, f.length() - ".class".length()).replace(File.separatorChar, '.'));
        }
        return names;
    }

    private static List<Class<?>> hierarchy(Class<?> type) {
        List<Class<?>> out = new ArrayList<>();
        Deque<Class<?>> queue = new ArrayDeque<>(List.of(type));
        while (!queue.isEmpty()) {
            Class<?> c = queue.poll();
            if (!out.contains(c)) {
                out.add(c);
                if (c.getSuperclass() != null) {
                    queue.add(c.getSuperclass());
                }
                queue.addAll(Arrays.asList(c.getInterfaces()));
            }
        }
        return out;
    }

    private static String descriptor(Executable e) {
        Class<?> returns = e instanceof Method m ? m.getReturnType() : void.class;
        return MethodType.methodType(returns, e.getParameterTypes()).toMethodDescriptorString();
    }

    private static String descriptor(Class<?> type) {
        return MethodType.methodType(type).toMethodDescriptorString().substring(2);
    }
}
