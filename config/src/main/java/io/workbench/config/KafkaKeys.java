package io.workbench.config;

import java.util.List;

/** Where Kafka is. Read by the launcher that starts the embedded broker and by every kernel that talks to it. */
public final class KafkaKeys {
    public static final ConfigKey<String> BOOTSTRAP_SERVERS = ConfigKey.string("kafka.bootstrap-servers", null,
            "Use this Kafka cluster instead of the embedded broker.").withEnvAlias("KAFKA_BOOTSTRAP_SERVERS");
    public static final ConfigKey<Integer> PORT = ConfigKey.port("kafka.port", 19092,
            "Client port of the embedded broker (0 picks a free one).");

    public static final List<ConfigKey<?>> KEYS = List.of(BOOTSTRAP_SERVERS, PORT);

    private KafkaKeys() {
    }

    /** The configured cluster, or the embedded broker on its configured port. */
    public static String bootstrapServers(Settings settings) {
        String external = settings.get(BOOTSTRAP_SERVERS);
        return external != null && !external.isBlank() ? external : "127.0.0.1:" + settings.get(PORT);
    }
}
