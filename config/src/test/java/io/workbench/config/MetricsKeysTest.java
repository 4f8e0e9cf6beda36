package io.workbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where metrics endpoints bind and the host the discovery advertises them at. */
class MetricsKeysTest {
    private static Settings env(Map<String, String> env) {
        return Settings.of(env, Map.of(), Map.of());
    }

    @Test
    void byDefaultEndpointsBindAndAreAdvertisedOnLoopback() {
        Settings s = env(Map.of());
        assertEquals("127.0.0.1", s.get(MetricsKeys.BIND_HOST));
        assertEquals("127.0.0.1", MetricsKeys.advertiseHost(s));
    }

    @Test
    void theAdvertiseHostDefaultsToTheBindHost() {
        assertEquals("192.0.2.7", MetricsKeys.advertiseHost(env(Map.of("WORKBENCH_METRICS_BIND_HOST", "192.0.2.7"))));
    }

    @Test
    void anAdvertiseHostNamesWhereOthersReachAWildcardBind() {
        Settings s = env(Map.of("WORKBENCH_METRICS_BIND_HOST", "0.0.0.0", "WORKBENCH_METRICS_ADVERTISE_HOST", "workbench"));
        assertEquals("0.0.0.0", s.get(MetricsKeys.BIND_HOST));
        assertEquals("workbench", MetricsKeys.advertiseHost(s));
    }

    @Test
    void aWildcardBindWithoutAnAdvertiseHostIsRefusedWithWhatToSet() {
        for (String wildcard : new String[] {"0.0.0.0", "::"}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> MetricsKeys.advertiseHost(env(Map.of("WORKBENCH_METRICS_BIND_HOST", wildcard))));
            assertTrue(e.getMessage().contains("metrics.advertise-host"), e.getMessage());
        }
    }

    @Test
    void targetsBracketIpv6Addresses() {
        assertEquals("workbench:40001", MetricsKeys.target("workbench", 40001));
        assertEquals("[::1]:40001", MetricsKeys.target("::1", 40001));
        assertEquals("[::1]:40001", MetricsKeys.target("[::1]", 40001));
    }
}
