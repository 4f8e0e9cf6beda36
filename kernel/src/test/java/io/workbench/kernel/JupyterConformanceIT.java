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
        for (String suite : List.of("kernel_info", "execute_stdout", "execute_stderr", "execute_result", "completion",
                "inspect", "is_complete", "error", "display_data", "clear_output")) {
            assertTrue(r.output().contains("test_" + suite + " (__main__.WorkbenchJavaKernelTests.test_" + suite + ") ... ok"),
                    "suite " + suite + " did not pass:\n" + r.output());
        }
    }
}
