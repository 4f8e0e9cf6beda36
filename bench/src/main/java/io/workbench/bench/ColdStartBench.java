package io.workbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * P4 cold: from {@code ./workbench start} (already built, everything stopped) to the first Spark result of a
 * notebook opened as soon as the server answers, and the warm figure in the same run. Each round starts the
 * launcher on free ports (its broker's data directory is kept between the rounds of a variant, as a user's is),
 * then does what the browser does: reads the notebook, opens a session, connects the kernel channels and runs
 * {@code spark.range(10).count()}; once the pool has a warm kernel again, it opens a second notebook and runs the
 * same. Then it stops the launcher with SIGTERM, as Ctrl-C does.
 *
 * <p>Usage: {@code ColdStartBench rounds label=workbenchDir...}; variants run interleaved, round after round.
 * Prints one JSON line per run, times in seconds from the launcher's start.
 */
public final class ColdStartBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CELL = "spark.range(10).count()";

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        Path tmp = Files.createTempDirectory("workbench-cold");
        for (int round = 0; round < rounds; round++) {
            for (String variant : List.of(args).subList(1, args.length)) {
                String label = variant.substring(0, variant.indexOf('='));
                Path dir = Path.of(variant.substring(variant.indexOf('=') + 1));
                System.out.println(JSON.writeValueAsString(run(label, dir, tmp, round)));
            }
        }
    }

    private static Map<String, Object> run(String label, Path workbench, Path tmp, int round) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("label", label);
        r.put("round", round);
        WorkbenchLauncher w = new WorkbenchLauncher(workbench, tmp.resolve(label + "-kafka"),
                tmp.resolve(label + "-" + round), Map.of());
        try (w) {
            w.awaitServer();
            r.put("server_answering_s", w.since());
            String kernel = w.openNotebook("cold.ipynb");
            r.put("kernel_ready_s", w.since());
            try (KernelChannels ws = w.channels(kernel)) {
                KernelChannels.Run run = ws.start(CELL);
                check(run.result.get(300, TimeUnit.SECONDS));
                r.put("first_result_s", w.since());
                r.put("cell_said", String.join(" | ", run.displays.stream().distinct().toList()));
            }
            r.put("ready_line_s", w.line("ready"));
            w.awaitWarmKernel();
            r.put("warm_kernel_in_pool_s", w.since());
            long w0 = System.nanoTime();
            String warm = w.openNotebook("warm.ipynb");
            try (KernelChannels ws = w.channels(warm)) {
                check(ws.execute(CELL).get(300, TimeUnit.SECONDS));
            }
            r.put("warm_open_to_result_s", Math.round((System.nanoTime() - w0) / 1e7) / 100.0);
            r.put("kafka_ready_s", w.line("kafka"));
        }
        if (w.survivor() != null) {
            r.put("survivor", w.survivor());
        }
        return r;
    }

    private static void check(String value) {
        if (!"10".equals(value)) {
            throw new IllegalStateException("unexpected result " + value);
        }
    }
}
