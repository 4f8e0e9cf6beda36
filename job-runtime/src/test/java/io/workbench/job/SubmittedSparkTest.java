package io.workbench.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class SubmittedSparkTest {
    @Test
    void aJvmThatSparkSubmitDidNotStartKeepsTheWorkbenchSettings() {
        Properties p = new Properties();
        p.setProperty("workbench.spark.master", "local[2]");
        assertFalse(SubmittedSpark.adopt(p, () -> { throw new AssertionError("not asked"); }));
        assertEquals(1, p.size());
    }

    @Test
    void sparkSubmitSettingsWinOverTheRuntimeDefaultsButNotOverExplicitWorkbenchOnes() {
        Properties p = new Properties();
        p.setProperty("spark.master", "spark://master:7077");
        p.setProperty("spark.app.name", "sales");
        p.setProperty("spark.sql.shuffle.partitions", "12");
        p.setProperty("workbench.spark.sql.shuffle.partitions", "8");
        p.setProperty("java.version", "17");
        assertTrue(SubmittedSpark.adopt(p, () -> "worker-3.example"));
        assertEquals("spark://master:7077", p.getProperty("workbench.spark.master"));
        assertEquals("sales", p.getProperty("workbench.spark.app.name"));
        assertEquals("8", p.getProperty("workbench.spark.sql.shuffle.partitions"), "set for the workbench: kept");
        assertEquals(null, p.getProperty("workbench.java.version"));
        assertEquals("worker-3.example", p.getProperty("workbench.spark.driver.host"), "Spark's default, not 127.0.0.1");
        assertEquals("worker-3.example", p.getProperty("workbench.spark.driver.bindAddress"));
    }

    @Test
    void aSubmittedDriverAddressIsKept() {
        Properties p = new Properties();
        p.setProperty("spark.master", "k8s://https://kubernetes.default.svc");
        p.setProperty("spark.driver.host", "sales-driver-svc.jobs.svc");
        p.setProperty("spark.driver.bindAddress", "10.1.2.3");
        SubmittedSpark.adopt(p, () -> { throw new AssertionError("not asked"); });
        assertEquals("sales-driver-svc.jobs.svc", p.getProperty("workbench.spark.driver.host"));
        assertEquals("10.1.2.3", p.getProperty("workbench.spark.driver.bindAddress"));
    }
}
