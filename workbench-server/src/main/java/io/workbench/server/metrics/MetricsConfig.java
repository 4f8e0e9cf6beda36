package io.workbench.server.metrics;

import io.workbench.config.MetricsKeys;
import io.workbench.config.Settings;

/**
 * How the server's processes serve their metrics ({@link MetricsKeys}, docs/metrics.md).
 *
 * @param token the read-only token for /metrics and Prometheus's discovery, or null for a random one
 * @param bindHost the address kernels, job runs and the embedded broker bind their /metrics to
 * @param advertiseHost the host the discovery lists those endpoints at
 */
public record MetricsConfig(String token, String bindHost, String advertiseHost) {

    /**
     * Reads the metrics keys.
     *
     * @throws io.workbench.config.ConfigException when the bind host is a wildcard and no advertise host is set
     */
    public static MetricsConfig from(Settings s) {
        return new MetricsConfig(s.get(MetricsKeys.TOKEN), s.get(MetricsKeys.BIND_HOST).trim(),
                MetricsKeys.advertiseHost(s));
    }
}
