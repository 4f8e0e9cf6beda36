package io.workbench.ext.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.config.ConfigException;
import io.workbench.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkConfigTest {

    private static SparkConfig from(Map<String, String> env, Map<String, String> sys, Map<String, String> file) {
        return SparkConfig.from(Settings.of(env, sys, file));
    }

    @Test
    void defaultsSuitALaptop() {
        SparkConfig c = from(Map.of(), Map.of(), Map.of());
        assertTrue(c.enabled());
        assertEquals("local[*]", c.master());
        Map<String, String> conf = c.conf();
        assertEquals("local[*]", conf.get("spark.master"));
        assertEquals("false", conf.get("spark.ui.enabled"));
        assertEquals("127.0.0.1", conf.get("spark.driver.host"));
        assertEquals("127.0.0.1", conf.get("spark.driver.bindAddress"));
        assertEquals("UTC", conf.get("spark.sql.session.timeZone"));
        assertTrue(Integer.parseInt(conf.get("spark.sql.shuffle.partitions")) >= 4, conf.toString());
        assertFalse(conf.containsKey("spark.conf"), "the pass-through key itself is not a Spark setting");
        assertEquals("50", conf.get("spark.sql.ui.retainedExecutions"), "a long session does not keep 1000 plans");
    }

    @Test
    void warehouseLivesUnderTheHome() {
        Path home = Path.of("/tmp/some-workbench-home");
        SparkConfig c = from(Map.of(Settings.HOME_ENV, home.toString()), Map.of(), Map.of());
        assertEquals(home.resolve("data/spark-warehouse").toString(), c.conf().get("spark.sql.warehouse.dir"));
    }

    @Test
    void configFileSparkEntriesOverrideDefaults() {
        SparkConfig c = from(Map.of(), Map.of(), Map.of("spark.sql.shuffle.partitions", "2",
                "spark.executor.memory", "3g", "spark.master", "local[2]", "spark.ui.enabled", "true",
                "kafka.port", "1"));
        assertEquals("2", c.conf().get("spark.sql.shuffle.partitions"));
        assertEquals("3g", c.conf().get("spark.executor.memory"));
        assertEquals("local[2]", c.master());
        assertEquals("local[2]", c.conf().get("spark.master"));
        assertEquals("true", c.conf().get("spark.ui.enabled"));
        assertFalse(c.conf().containsKey("kafka.port"));
    }

    @Test
    void systemPropertiesOverrideTheFile() {
        SparkConfig c = from(Map.of(), Map.of("workbench.spark.sql.shuffle.partitions", "16"),
                Map.of("spark.sql.shuffle.partitions", "2"));
        assertEquals("16", c.conf().get("spark.sql.shuffle.partitions"));
    }

    @Test
    void masterFromTheEnvironment() {
        SparkConfig c = from(Map.of("WORKBENCH_SPARK_MASTER", "spark://cluster:7077"), Map.of(),
                Map.of("spark.master", "local[2]"));
        assertEquals("spark://cluster:7077", c.master());
        assertEquals("spark://cluster:7077", c.conf().get("spark.master"));
    }

    @Test
    void extraPairsFromTheEnvironment() {
        SparkConfig c = from(Map.of("WORKBENCH_SPARK_CONF", "a=b;c=d"), Map.of(), Map.of());
        assertEquals("b", c.conf().get("a"));
        assertEquals("d", c.conf().get("c"));
        assertFalse(c.conf().containsKey("spark.conf"));
    }

    @Test
    void extraPairsAreTrimmedMayContainEqualsAndOverrideTheFile() {
        SparkConfig c = from(Map.of("WORKBENCH_SPARK_CONF",
                " spark.sql.shuffle.partitions = 3 ; spark.driver.extraJavaOptions=-Da=b ;"), Map.of(),
                Map.of("spark.sql.shuffle.partitions", "2"));
        assertEquals("3", c.conf().get("spark.sql.shuffle.partitions"));
        assertEquals("-Da=b", c.conf().get("spark.driver.extraJavaOptions"));
    }

    @Test
    void malformedExtraPairIsAConfigError() {
        for (String bad : new String[] {"a=b;oops", "=value"}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> from(Map.of("WORKBENCH_SPARK_CONF", bad), Map.of(), Map.of()));
            assertTrue(e.getMessage().contains("WORKBENCH_SPARK_CONF"), e.getMessage());
            assertTrue(e.getMessage().contains(bad.contains("oops") ? "'oops'" : "'=value'"), e.getMessage());
        }
    }

    @Test
    void sparkCanBeDisabled() {
        assertFalse(from(Map.of("WORKBENCH_KERNEL_SPARK", "false"), Map.of(), Map.of()).enabled());
        ConfigException e = assertThrows(ConfigException.class,
                () -> from(Map.of("WORKBENCH_KERNEL_SPARK", "maybe"), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("kernel.spark"), e.getMessage());
    }
}
