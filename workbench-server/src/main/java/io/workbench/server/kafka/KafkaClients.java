package io.workbench.server.kafka;

import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Client settings for a browser that must answer within seconds: short request and connection timeouts, fast
 * reconnects, no consumer group, nothing committed.
 */
final class KafkaClients {
    /** How long one browser request may wait for Kafka before it answers 503. */
    static final long DEADLINE_MILLIS = 4_000;

    private KafkaClients() {
    }

    static Properties admin(String bootstrap) {
        Properties p = common(bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "workbench-kafka-browser");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) DEADLINE_MILLIS);
        return p;
    }

    static Properties consumer(String bootstrap) {
        Properties p = common(bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "workbench-kafka-browser-tail");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) DEADLINE_MILLIS);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        return p;
    }

    private static Properties common(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 2_000L);
        p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 3_000L);
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000L);
        return p;
    }
}
