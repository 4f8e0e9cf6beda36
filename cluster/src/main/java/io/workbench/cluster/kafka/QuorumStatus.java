package io.workbench.cluster.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * What a Kafka cluster says about itself: the brokers it serves with (registered and not fenced), the controller
 * quorum's leader, and how many partitions have fewer in-sync replicas than replicas. Immutable.
 *
 * @param brokers                    node ids in {@code describeCluster}, sorted
 * @param quorumLeader               the node id of the KRaft quorum's leader, -1 when there is none
 * @param underReplicatedPartitions  partitions, internal topics included, whose ISR is smaller than their replica set
 */
public record QuorumStatus(List<Integer> brokers, int quorumLeader, int underReplicatedPartitions) {
    private static final long TIMEOUT_SECONDS = 5;

    public QuorumStatus {
        brokers = List.copyOf(brokers);
    }

    /** An admin client for checks: short timeouts, so that a dead cluster is reported in seconds. */
    public static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS),
                AdminClientConfig.CLIENT_ID_CONFIG, "workbench-cluster-check"));
    }

    /** The brokers in {@code describeCluster}, sorted by id; blocks for at most about 5 s. */
    public static List<Integer> brokers(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        return admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream().map(Node::id).sorted()
                .toList();
    }

    /** Everything; blocks for at most about 15 s. */
    public static QuorumStatus fetch(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        List<Integer> brokers = brokers(admin);
        int leader = admin.describeMetadataQuorum().quorumInfo().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).leaderId();
        Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        int under = 0;
        for (TopicDescription d : described.values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                if (p.isr().size() < p.replicas().size()) {
                    under++;
                }
            }
        }
        return new QuorumStatus(brokers, leader, under);
    }
}
