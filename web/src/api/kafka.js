// The Kafka browser API: topics with offsets, sizes and consumer lag, and the newest records of a topic.
import { request } from "./http.js";

export const kafka = {
  /** {bootstrap_servers, topics: [{name, internal, partitions, partition_count, records, size_bytes, consumer_groups}]} */
  topics: () => request("GET", "/api/workbench/kafka/topics"),
  /** {topic, partition, complete, records: [{partition, offset, timestamp, key, headers, value | decode_error...}]} */
  records: (topic, { limit = 50, partition = null } = {}) => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (partition !== null && partition !== undefined && partition !== "") query.set("partition", String(partition));
    return request("GET", `/api/workbench/kafka/topics/${encodeURIComponent(topic)}/records?${query}`);
  },
};
