package io.workbench.job;

import io.workbench.ext.query.QueryFailure;
import io.workbench.ext.query.QueryPlan;
import io.workbench.ext.query.QueryRegistry;
import io.workbench.ext.query.QuerySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.spark.sql.execution.streaming.StreamingQueryWrapper;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka pre-flight of every query a job starts: before the query's first batch, each topic its Kafka sources
 * subscribe to by name must exist on the job's Kafka cluster. A missing topic ends the run there, naming the topic
 * and what to do ({@code advice}), instead of Spark's task retries, whose log runs to hundreds of lines and whose
 * {@code UnknownTopicOrPartitionException} names no topic. Like {@link CheckpointPreflight} it runs on the query's
 * thread when Spark announces the start, before the first batch.
 *
 * <p>Not checked (the query runs and Spark reports): sources of another Kafka cluster than the job's (their
 * {@code kafka.bootstrap.servers} differs), sources by {@code subscribePattern} or {@code assign}, and every source
 * when Kafka does not list its topics within 30 s (the log says so).
 */
final class TopicPreflight implements QueryRegistry.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(TopicPreflight.class);
    private static final long LIST_TIMEOUT_S = 30;

    private final String bootstrapServers;
    private final Supplier<Admin> admin;
    private final Function<List<String>, String> advice;
    private final CheckpointPreflight.Refusal refusal;

    /**
     * @param bootstrapServers the job's Kafka cluster, as its Kafka helpers have it
     * @param admin that cluster's admin client, asked for on the first Kafka source
     * @param advice what to do about the missing topics given: a sentence or more
     * @param refusal ends the run (does not return normally)
     */
    TopicPreflight(String bootstrapServers, Supplier<Admin> admin, Function<List<String>, String> advice,
            CheckpointPreflight.Refusal refusal) {
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
        this.advice = advice;
        this.refusal = refusal;
    }

    @Override
    public void onStarted(QuerySnapshot query, StreamingQuery handle) {
        if (!(handle instanceof StreamingQueryWrapper w)) {
            return; // CheckpointPreflight refuses a query without a handle
        }
        List<String> wanted = new ArrayList<>();
        for (QueryPlan.KafkaSubscription s : QueryPlan.of(w.streamingQuery().analyzedPlan()).kafkaSubscriptions()) {
            if (bootstrapServers.equals(s.bootstrapServers())) {
                s.topics().stream().filter(t -> !wanted.contains(t)).forEach(wanted::add);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        Set<String> existing;
        try {
            existing = admin.get().listTopics().names().get(LIST_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            LOG.warn("Kafka at {} did not list its topics ({}); query {} starts without the topic pre-flight",
                    bootstrapServers, QueryFailure.headline(e), query.name());
            return;
        }
        List<String> missing = wanted.stream().filter(t -> !existing.contains(t)).toList();
        if (!missing.isEmpty()) {
            refusal.refuse(query, null, new QueryFailure(QueryFailure.Kind.ERROR, "Query " + query.name() + " reads Kafka "
                    + (missing.size() == 1 ? "topic " : "topics ") + String.join(", ", missing)
                    + (missing.size() == 1 ? ", which does not exist" : ", which do not exist") + " on the job's Kafka at "
                    + bootstrapServers + ". " + advice.apply(missing), null));
        }
    }
}
