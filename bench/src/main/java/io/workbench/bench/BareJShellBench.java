package io.workbench.bench;

import io.workbench.ext.runtime.Imports;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;

/**
 * The reference for P3: a bare JShell {@code eval("1 + 1")} in local execution, warm. Measured twice: plain
 * JShell (nothing on its class path), and JShell with the kernel's class path and preloaded imports, which is
 * what the kernel's own eval pays for. Prints JSON.
 */
public final class BareJShellBench {
    private BareJShellBench() {
    }

    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        double[] plain = measure(false, samples);
        double[] equivalent = measure(true, samples);
        System.out.println(String.format(Locale.ROOT,
                "{\"bare_plain_p50_ms\": %.3f, \"bare_plain_p99_ms\": %.3f, \"bare_with_kernel_classpath_p50_ms\": %.3f,"
                        + " \"bare_with_kernel_classpath_p99_ms\": %.3f, \"samples\": %d}",
                plain[0], plain[1], equivalent[0], equivalent[1], samples));
    }

    private static double[] measure(boolean asKernel, int samples) {
        try (JShell js = JShell.builder().executionEngine("local").build()) {
            if (asKernel) {
                js.addToClasspath(System.getProperty("java.class.path"));
                Imports.statements().forEach(js::eval);
            }
            for (int i = 0; i < 100; i++) {
                check(js.eval("1 + 1"));
            }
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                check(js.eval("1 + 1"));
                times.add((System.nanoTime() - t0) / 1e6);
            }
            times.sort(Double::compare);
            return new double[] {times.get(times.size() / 2), times.get((int) Math.round(0.99 * (times.size() - 1)))};
        }
    }

    private static void check(List<SnippetEvent> events) {
        if (!"2".equals(events.get(events.size() - 1).value())) {
            throw new IllegalStateException("1 + 1 did not evaluate to 2: " + events);
        }
    }
}
