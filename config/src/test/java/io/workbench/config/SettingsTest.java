package io.workbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static final ConfigKey<Integer> PORT = KafkaKeys.PORT;
    private static final ConfigKey<String> BOOTSTRAP = KafkaKeys.BOOTSTRAP_SERVERS;
    private static final ConfigKey<Boolean> FLAG = ConfigKey.bool("kernel.flag", false, "A test flag.");
    private static final ConfigKey<Path> DIR = ConfigKey.path("test.dir", "data/test", "A test directory.");

    @Test
    void keysAreReadFromTheirDerivedNames() {
        assertEquals("workbench.kafka.port", PORT.propertyName());
        assertEquals("WORKBENCH_KAFKA_PORT", PORT.envName());
        assertEquals("WORKBENCH_KAFKA_BOOTSTRAP_SERVERS", BOOTSTRAP.envName());
    }

    @Test
    void systemPropertyBeatsEnvironmentAliasAndFile() {
        Settings s = Settings.of(
                Map.of("WORKBENCH_KAFKA_BOOTSTRAP_SERVERS", "env:1", "KAFKA_BOOTSTRAP_SERVERS", "alias:1"),
                Map.of("workbench.kafka.bootstrap-servers", "sys:1"),
                Map.of("kafka.bootstrap-servers", "file:1"));
        assertEquals("sys:1", s.get(BOOTSTRAP));
    }

    @Test
    void workbenchEnvironmentBeatsAliasAndFile() {
        Settings s = Settings.of(
                Map.of("WORKBENCH_KAFKA_BOOTSTRAP_SERVERS", "env:1", "KAFKA_BOOTSTRAP_SERVERS", "alias:1"),
                Map.of(), Map.of("kafka.bootstrap-servers", "file:1"));
        assertEquals("env:1", s.get(BOOTSTRAP));
    }

    @Test
    void aliasBeatsFile() {
        Settings s = Settings.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", "alias:1"), Map.of(),
                Map.of("kafka.bootstrap-servers", "file:1"));
        assertEquals("alias:1", s.get(BOOTSTRAP));
    }

    @Test
    void fileBeatsDefault() {
        Settings s = Settings.of(Map.of(), Map.of(), Map.of("kafka.port", "29092"));
        assertEquals(29092, s.get(PORT));
        assertTrue(s.isSet(PORT));
    }

    @Test
    void defaultWhenNothingIsSet() {
        Settings s = Settings.of(Map.of(), Map.of(), Map.of());
        assertEquals(PORT.defaultValue(), s.get(PORT));
        assertNull(s.get(BOOTSTRAP));
        assertFalse(s.isSet(PORT));
        assertFalse(s.isSet(BOOTSTRAP));
    }

    @Test
    void blankEnvironmentValuesAreIgnored() {
        Settings s = Settings.of(Map.of("WORKBENCH_KAFKA_BOOTSTRAP_SERVERS", "  ", "KAFKA_BOOTSTRAP_SERVERS", ""),
                Map.of(), Map.of("kafka.bootstrap-servers", "file:1"));
        assertEquals("file:1", s.get(BOOTSTRAP));

        Settings blankOnly = Settings.of(Map.of("WORKBENCH_KAFKA_PORT", " "), Map.of(), Map.of());
        assertEquals(PORT.defaultValue(), blankOnly.get(PORT));
        assertFalse(blankOnly.isSet(PORT));
    }

    @Test
    void valuesAreTrimmedAndTyped() {
        Settings s = Settings.of(Map.of("WORKBENCH_KAFKA_PORT", " 0 ", "WORKBENCH_KERNEL_FLAG", "yes"), Map.of(),
                Map.of());
        assertEquals(0, s.get(PORT));
        assertTrue(s.get(FLAG));
        assertFalse(Settings.of(Map.of(), Map.of("workbench.kernel.flag", "off"), Map.of()).get(FLAG));
    }

    @Test
    void outOfRangePortNamesKeyAndSource() {
        Settings s = Settings.of(Map.of("WORKBENCH_KAFKA_PORT", "70000"), Map.of(), Map.of());
        ConfigException e = assertThrows(ConfigException.class, () -> s.get(PORT));
        assertTrue(e.getMessage().contains("kafka.port"), e.getMessage());
        assertTrue(e.getMessage().contains("environment variable WORKBENCH_KAFKA_PORT"), e.getMessage());
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
    }

    @Test
    void aNumberBelowItsMinimumIsRefused() {
        ConfigKey<Integer> bytes = ConfigKey.integer("test.bytes", 10, 1, "Test bytes.");
        assertEquals(1, Settings.of(Map.of("WORKBENCH_TEST_BYTES", "1"), Map.of(), Map.of()).get(bytes));
        Settings s = Settings.of(Map.of("WORKBENCH_TEST_BYTES", "0"), Map.of(), Map.of());
        ConfigException e = assertThrows(ConfigException.class, () -> s.get(bytes));
        assertTrue(e.getMessage().contains("a whole number of at least 1"), e.getMessage());
    }

    @Test
    void invalidBooleanNamesKeyAndSource() {
        Settings fromFile = Settings.of(Map.of(), Map.of(), Map.of("kernel.flag", "maybe"));
        ConfigException e = assertThrows(ConfigException.class, () -> fromFile.get(FLAG));
        assertTrue(e.getMessage().contains("kernel.flag"), e.getMessage());
        assertTrue(e.getMessage().contains("config file"), e.getMessage());
        assertTrue(e.getMessage().contains("true or false"), e.getMessage());

        Settings fromSys = Settings.of(Map.of(), Map.of("workbench.kernel.flag", "maybe"), Map.of());
        ConfigException e2 = assertThrows(ConfigException.class, () -> fromSys.get(FLAG));
        assertTrue(e2.getMessage().contains("system property workbench.kernel.flag"), e2.getMessage());
    }

    @Test
    void invalidValueFromAliasNamesTheAlias() {
        ConfigKey<Integer> port = ConfigKey.port("test.port", 1, "A test port.").withEnvAlias("TEST_PORT");
        Settings s = Settings.of(Map.of("TEST_PORT", "-1"), Map.of(), Map.of());
        ConfigException e = assertThrows(ConfigException.class, () -> s.get(port));
        assertTrue(e.getMessage().contains("environment variable TEST_PORT"), e.getMessage());
    }

    @Test
    void withPrefixMergesFileAndSystemPropertiesKeepingThePrefix() {
        Settings s = Settings.of(Map.of(),
                Map.of("workbench.spark.executor.memory", "2g", "workbench.spark.sql.shuffle.partitions", "8",
                        "workbench.kafka.port", "1", "spark.ignored", "x"),
                Map.of("spark.sql.shuffle.partitions", "4", "spark.driver.memory", "1g", "kafka.port", "2"));
        Map<String, String> spark = s.withPrefix("spark.");
        assertEquals(Map.of("spark.executor.memory", "2g", "spark.sql.shuffle.partitions", "8",
                "spark.driver.memory", "1g"), spark);
    }

    @Test
    void resolveAnchorsRelativePathsAtTheHome(@org.junit.jupiter.api.io.TempDir Path home) {
        Settings s = Settings.of(Map.of(Settings.HOME_ENV, home.toString()), Map.of(), Map.of());
        assertEquals(home.toAbsolutePath().resolve("data/test").normalize(), s.resolve(DIR));

        Settings relative = Settings.of(Map.of(Settings.HOME_ENV, home.toString(), "WORKBENCH_TEST_DIR", "x/../y"),
                Map.of(), Map.of());
        assertEquals(home.toAbsolutePath().resolve("y").normalize(), relative.resolve(DIR));

        Path absolute = home.resolve("elsewhere").toAbsolutePath();
        Settings abs = Settings.of(Map.of(Settings.HOME_ENV, home.toString(), "WORKBENCH_TEST_DIR", absolute.toString()),
                Map.of(), Map.of());
        assertEquals(absolute, abs.resolve(DIR));
    }

    @Test
    void homeDefaultsToTheWorkingDirectory() {
        Settings s = Settings.of(Map.of(), Map.of(), Map.of());
        assertEquals(Path.of("").toAbsolutePath().normalize(), s.home());
        assertEquals(Path.of("").toAbsolutePath().resolve("data/test").normalize(), s.resolve(DIR));
    }

    @Test
    void bootstrapServersPreferTheExternalCluster() {
        assertEquals("broker-a:9092,broker-b:9092", KafkaKeys.bootstrapServers(
                Settings.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker-a:9092,broker-b:9092"), Map.of(), Map.of())));
    }

    @Test
    void bootstrapServersFallBackToTheEmbeddedBrokerPort() {
        assertEquals("127.0.0.1:" + PORT.defaultValue(),
                KafkaKeys.bootstrapServers(Settings.of(Map.of(), Map.of(), Map.of())));
        assertEquals("127.0.0.1:29092", KafkaKeys.bootstrapServers(
                Settings.of(Map.of("WORKBENCH_KAFKA_PORT", "29092"), Map.of(), Map.of())));
        assertEquals("127.0.0.1:29093", KafkaKeys.bootstrapServers(
                Settings.of(Map.of(), Map.of("workbench.kafka.bootstrap-servers", " "), Map.of("kafka.port", "29093"))));
    }
}
