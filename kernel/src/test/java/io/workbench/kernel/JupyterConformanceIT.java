package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.testkit.Python;
import io.workbench.testkit.SharedBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jupyter's own client and kernel test suite (jupyter_kernel_test), run against our kernel. */
class JupyterConformanceIT {
    @Test
    void jupyterKernelTestSuitePasses() throws Exception {
        Python.Result r = Python.run(List.of("kernel_conformance.py"),
                Map.of("JUPYTER_PATH", TestKernels.kernelsDir().getParent().toString(),
                        "KAFKA_BOOTSTRAP_SERVERS", SharedBroker.bootstrapServers()),
                TestKernels.repo().resolve("kernel/src/test/python"), Duration.ofMinutes(5));
        System.out.println(r.output());
        assertEquals(0, r.exitCode(), r.output());
        // The kernel logs to the same stream as unittest, also in the middle of unittest's "test_x (…) ... ok" line
        // (Spark's warnings about the background warm-up's cancelled tasks, for one): leave its lines out.
        String results = r.output().replaceAll("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} (TRACE|DEBUG|INFO|WARN|ERROR) +\\[kernel\\][^\\n]*\\n", "");
        for (String suite : List.of("kernel_info", "execute_stdout", "execute_stderr", "execute_result", "completion",
                "inspect", "is_complete", "error", "display_data", "clear_output")) {
            assertTrue(results.contains("test_" + suite + " (__main__.WorkbenchJavaKernelTests.test_" + suite + ") ... ok"),
                    "suite " + suite + " did not pass:\n" + r.output());
        }
    }
}
