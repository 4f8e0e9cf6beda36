package io.workbench.ext.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The preloaded imports must leave no simple type name ambiguous: every name that two on-demand imports
 * (java.lang's implicit one included) both provide needs a single-type import that says which one is meant.
 */
class ImportsTest {
    private static final int ACC_PUBLIC = 0x0001;
    private static final int ACC_SYNTHETIC = 0x1000;

    private static List<Path> classpath;
    private static Map<String, Set<String>> typesByPackage;

    @BeforeAll
    static void scan() throws IOException {
        classpath = classpath();
        typesByPackage = new TreeMap<>();
        for (String pkg : onDemandPackages()) {
            typesByPackage.put(pkg, publicTopLevelTypes(pkg));
        }
    }

    @Test
    void everyOnDemandPackageHasPublicTypes() {
        typesByPackage.forEach((pkg, types) -> assertFalse(types.isEmpty(), "no public types found in " + pkg));
        assertTrue(typesByPackage.get("java.util.function").contains("Function"));
        assertTrue(typesByPackage.get("org.apache.spark.api.java.function").contains("Function"));
        assertTrue(typesByPackage.get("org.apache.spark.sql").contains("Dataset"), "split packages are scanned whole");
        assertTrue(typesByPackage.get("org.apache.spark.sql").contains("Row"), "split packages are scanned whole");
    }

    @Test
    void singleTypeImportsNameDistinctExistingTypes() throws IOException {
        Set<String> simpleNames = new HashSet<>();
        for (String type : Imports.SINGLE_TYPE) {
            String pkg = type.substring(0, type.lastIndexOf('.'));
            String simple = simpleName(type);
            assertTrue(simpleNames.add(simple), "two single-type imports of " + simple + " do not compile");
            assertTrue(publicTopLevelTypes(pkg).contains(simple), type + " is not a public top-level type on the class path");
        }
    }

    @Test
    void noSimpleTypeNameIsLeftAmbiguous() {
        Map<String, Set<String>> ambiguous = ambiguousNames();
        assertTrue(ambiguous.containsKey("Function"), "the scan should see the known clash: " + ambiguous);

        Set<String> resolved = Imports.SINGLE_TYPE.stream().map(ImportsTest::simpleName).collect(Collectors.toSet());
        Map<String, Set<String>> unresolved = new TreeMap<>(ambiguous);
        unresolved.keySet().removeAll(resolved);
        assertEquals(Map.of(), unresolved, "simple names declared in two imported packages need a single-type import");

        for (String type : Imports.SINGLE_TYPE) {
            Set<String> packages = ambiguous.get(simpleName(type));
            if (packages != null) {
                assertTrue(packages.contains(type.substring(0, type.lastIndexOf('.'))),
                        type + " resolves a clash between " + packages + " with a type from neither");
            }
        }
    }

    /** The same check by the compiler: the import statements compile, and so does every clashing name. */
    @Test
    void importsAndClashingNamesCompile() throws IOException {
        StringBuilder source = new StringBuilder();
        Imports.statements().forEach(s -> source.append(s).append('\n'));
        source.append("class Probe {\n");
        int i = 0;
        for (String name : ambiguousNames().keySet()) {
            source.append("    ").append(name).append(" f").append(i++).append(";\n");
        }
        source.append("}\n");
        String code = source.toString();

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        Path out = Files.createTempDirectory("imports-probe");
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
            JavaFileObject probe = new SimpleJavaFileObject(URI.create("string:///Probe.java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return code;
                }
            };
            List<String> options = List.of("-proc:none", "-Xlint:none", "-d", out.toString(), "-classpath",
                    classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
            boolean ok = compiler.getTask(errors, files, null, options, null, List.of(probe)).call();
            assertTrue(ok, code + "\n" + errors);
        } finally {
            try (Stream<Path> walk = Files.walk(out)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Map<String, Set<String>> ambiguousNames() {
        Map<String, Set<String>> packagesByName = new TreeMap<>();
        typesByPackage.forEach((pkg, types) ->
                types.forEach(t -> packagesByName.computeIfAbsent(t, k -> new TreeSet<>()).add(pkg)));
        for (String holder : Imports.STATIC) {
            for (String nested : staticMemberTypes(holder)) {
                packagesByName.computeIfAbsent(nested, k -> new TreeSet<>()).add(holder + " (static)");
            }
        }
        packagesByName.values().removeIf(packages -> packages.size() < 2);
        return packagesByName;
    }

    /** Every on-demand import, and java.lang, which every compilation unit imports on demand. */
    private static List<String> onDemandPackages() {
        List<String> packages = new ArrayList<>(Imports.ON_DEMAND);
        packages.add("java.lang");
        return packages;
    }

    private static Set<String> staticMemberTypes(String holder) {
        try {
            Set<String> names = new TreeSet<>();
            for (Class<?> c : Class.forName(holder, false, ImportsTest.class.getClassLoader()).getClasses()) {
                if (Modifier.isStatic(c.getModifiers())) {
                    names.add(c.getSimpleName());
                }
            }
            return names;
        } catch (ClassNotFoundException e) {
            throw new AssertionError(holder + " is statically imported but not on the class path", e);
        }
    }

    /** Public top-level types of a package: JDK packages from the runtime image, others from the class path. */
    private static Set<String> publicTopLevelTypes(String pkg) throws IOException {
        Set<String> names = new TreeSet<>();
        String dirName = pkg.replace('.', '/');
        if (pkg.startsWith("java.")) {
            FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
            Path packageDir = jrt.getPath("/packages", pkg);
            if (Files.isDirectory(packageDir)) {
                try (Stream<Path> modules = Files.list(packageDir)) {
                    for (Path module : modules.toList()) {
                        addPublicTypes(jrt.getPath("/modules", module.getFileName().toString(), dirName), names);
                    }
                }
            }
            return names;
        }
        // a package may be split over several jars, as org.apache.spark.sql is
        for (Path entry : classpath) {
            if (Files.isDirectory(entry)) {
                addPublicTypes(entry.resolve(dirName), names);
            } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry e = entries.nextElement();
                        int slash = e.getName().lastIndexOf('/');
                        String fileName = e.getName().substring(slash + 1);
                        if (slash == dirName.length() && e.getName().startsWith(dirName) && isTopLevelClassFile(fileName)) {
                            try (InputStream in = jar.getInputStream(e)) {
                                if (isPublic(in)) {
                                    names.add(stripClass(fileName));
                                }
                            }
                        }
                    }
                }
            }
        }
        return names;
    }

    private static void addPublicTypes(Path dir, Set<String> names) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> classFiles;
        try (Stream<Path> list = Files.list(dir)) {
            classFiles = list.filter(p -> isTopLevelClassFile(p.getFileName().toString())).toList();
        }
        for (Path file : classFiles) {
            try (InputStream in = Files.newInputStream(file)) {
                if (isPublic(in)) {
                    names.add(stripClass(file.getFileName().toString()));
                }
            }
        }
    }

    /**
     * The test JVM's class path. Surefire may start it with a single manifest-only jar, so Class-Path
     * attributes are followed.
     */
    private static List<Path> classpath() throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                addWithManifestClassPath(Path.of(entry).toAbsolutePath(), out);
            }
        }
        return List.copyOf(out);
    }

    private static void addWithManifestClassPath(Path entry, Collection<Path> out) throws IOException {
        if (!out.add(entry) || !Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
            return;
        }
        String manifestClassPath;
        try (JarFile jar = new JarFile(entry.toFile())) {
            manifestClassPath = jar.getManifest() == null ? null
                    : jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        }
        if (manifestClassPath == null) {
            return;
        }
        for (String ref : manifestClassPath.trim().split("\\s+")) {
            URI uri = entry.toUri().resolve(ref);
            addWithManifestClassPath(Path.of(uri), out);
        }
    }

    /** A class file whose name Java code can write: no nested classes, no Scala package objects. */
    private static boolean isTopLevelClassFile(String fileName) {
        if (!fileName.endsWith(".class")) {
            return false;
        }
        String name = stripClass(fileName);
        return name.indexOf('$') < 0 && SourceVersion.isIdentifier(name) && !SourceVersion.isKeyword(name);
    }

    private static String stripClass(String fileName) {
        return fileName.substring(0, fileName.length() - ".class".length());
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    /** Reads a class file's access flags, which follow its constant pool; no class is loaded. */
    private static boolean isPublic(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            return false;
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> in.skipNBytes(in.readUnsignedShort());
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        int flags = in.readUnsignedShort();
        return (flags & ACC_PUBLIC) != 0 && (flags & ACC_SYNTHETIC) == 0;
    }
}
