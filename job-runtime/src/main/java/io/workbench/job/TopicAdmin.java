package io.workbench.job;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the Kafka topics a job's results go to, when they are missing: with the cluster's default partitions
 * and replication, compacted when each record is a keyed row (so the topic keeps each key's current row). A topic
 * that exists is used as it is. Blocks up to 30 s; thread-safe.
 */
final class TopicAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
    private static final long TIMEOUT_S = 30;

    private final Supplier<Admin> admin;

    /** @param admin the runtime's shared admin client ({@code kafka.admin()}), asked for on first use */
    TopicAdmin(Supplier<Admin> admin) {
        this.admin = admin;
    }

    /**
     * Creates {@code topic} unless it exists.
     *
     * @param compacted whether a new topic keeps only each key's newest record
     * @throws IllegalStateException when Kafka refuses or does not answer in time
     */
    void ensure(String topic, boolean compacted) {
        NewTopic t = new NewTopic(topic, Optional.empty(), Optional.empty());
        if (compacted) {
            t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        try {
            admin.get().createTopics(List.of(t)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            LOG.info("Created Kafka topic {}{}", topic, compacted ? " (compacted)" : "");
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create the Kafka topic " + topic + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not create the topic " + topic + " within " + TIMEOUT_S + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the Kafka topic " + topic, e);
        }
    }
}
