package io.workbench.kernel;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.workbench.config.ConfigKey;
import io.workbench.config.Settings;
import io.workbench.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code workbench-java} kernelspec: how Jupyter, nbclient and the workbench server launch this kernel.
 * Its argv runs the kernel JVM directly, with the class path and JVM options of this build, so the kernel's
 * parent is whoever launched it and dies with it.
 *
 * <p>{@code java -cp <kernel classpath> io.workbench.kernel.Kernelspec install [--dir <kernels dir>]}
 * writes it under {@code $JUPYTER_DATA_DIR/kernels} (default {@code ~/.local/share/jupyter/kernels}).
 */
public final class Kernelspec {
    public static final String NAME = "workbench-java";
    public static final ConfigKey<String> HEAP = ConfigKey.string("kernel.heap", "2g",
            "Maximum heap of each kernel JVM (-Xmx).");

    private Kernelspec() {
    }

    /**
     * The cell the server's warm pool runs silently once a kernel has warmed Spark up, so that the first cell a user
     * runs does not pay for javac loading Spark's classes. A block, so it leaves no variable behind; it only builds a
     * plan, so it runs no Spark job (on a cluster a warm kernel must hold no executors, docs/cluster.md).
     */
    static final String WARMUP = "{ var warmup = spark.range(10).selectExpr(\"id % 10 AS k\").groupBy(\"k\").count(); }";

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || !"install".equals(args[0])) {
            System.err.println("usage: Kernelspec install [--dir <kernels dir>]");
            System.exit(2);
        }
        Path kernels = args.length > 2 && "--dir".equals(args[1]) ? Path.of(args[2]) : defaultKernelsDir();
        Path dir = install(kernels, Settings.load(), System.getProperty("java.class.path"));
        System.out.println("Installed the " + NAME + " kernelspec in " + dir);
    }

    /**
     * Writes kernel.json into {@code kernelsDir/workbench-java} and returns that directory. The kernel will run
     * on {@code classpath}, the kernel module's runtime class path.
     */
    public static Path install(Path kernelsDir, Settings settings, String classpath) throws IOException {
        Path dir = Files.createDirectories(kernelsDir.resolve(NAME));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv(settings, classpath));
        spec.put("display_name", "Java (Spark + Kafka)");
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.put("env", Map.of("SPARK_LOCAL_IP", "127.0.0.1", Settings.HOME_ENV, settings.home().toString()));
        spec.put("metadata", Map.of("debugger", false, "workbench_warmup", WARMUP));
        Files.writeString(dir.resolve("kernel.json"),
                Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(spec));
        try (InputStream logo = Kernelspec.class.getResourceAsStream("logo-64x64.png")) {
            if (logo != null) {
                Files.copy(logo, dir.resolve("logo-64x64.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    /** The kernel command line, with {@code {connection_file}} for Jupyter to fill in. */
    public static List<String> argv(Settings settings, String classpath) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add("-Xmx" + settings.get(HEAP));
        argv.addAll(jvmOptions());
        argv.add("-cp");
        argv.add(Arrays.stream(classpath.split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().normalize().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)));
        argv.add(KernelMain.class.getName());
        argv.add("--connection-file");
        argv.add("{connection_file}");
        return argv;
    }

    /** The JVM options every kernel needs: Spark's --add-opens list, the exit guard, logging. */
    public static List<String> jvmOptions() throws IOException {
        try (InputStream in = Kernelspec.class.getResourceAsStream("jvm.options")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return Arrays.stream(text.split("\\s+")).filter(s -> !s.isBlank()).toList();
        }
    }

    /** {@code $JUPYTER_DATA_DIR/kernels}, else the XDG or home default, as Jupyter looks them up. */
    public static Path defaultKernelsDir() {
        String data = System.getenv("JUPYTER_DATA_DIR");
        if (data != null && !data.isBlank()) {
            return Path.of(data, "kernels");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("jupyter").resolve("kernels");
    }
}
