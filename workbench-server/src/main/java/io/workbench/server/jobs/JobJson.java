package io.workbench.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Jobs and runs as the REST API writes them (openapi.json): camelCase, instants as ISO-8601, nulls left out. */
final class JobJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobJson() {
    }

    static ObjectNode job(JobStatus s) {
        JobDefinition j = s.job();
        ObjectNode o = JSON.createObjectNode();
        o.put("name", j.name()).put("notebook", j.notebook()).put("mode", j.mode().wireName()).put("state", s.state());
        put(o, "cron", j.cron());
        o.put("timeZone", j.timeZone());
        o.set("params", JSON.valueToTree(j.params()));
        o.put("paused", j.paused()).put("revision", j.revision());
        put(o, "startingOffsets", j.startingOffsets());
        put(o, "notebookRevision", s.notebookRevision());
        o.put("notebookChanged", s.notebookChanged()).put("restarts", s.restarts());
        o.put("needsCheckpointChoice", s.needsCheckpointChoice());
        put(o, "previousRevision", s.previousRevision());
        if (s.parameters() != null && s.parameters().isArray()) {
            o.set("parameters", s.parameters());
        }
        put(o, "nextRun", s.nextRun());
        if (s.lastRun() != null) {
            o.set("lastRun", run(s.lastRun()));
        }
        o.put("createdAt", j.createdAt().toString()).put("updatedAt", j.updatedAt().toString());
        return o;
    }

    static ObjectNode run(RunRecord r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", r.id()).put("job", r.job()).put("trigger", r.trigger().wireName()).put("attempt", r.attempt());
        put(o, "scheduledFor", r.scheduledFor());
        put(o, "startedAt", r.startedAt());
        put(o, "endedAt", r.endedAt());
        o.put("status", r.status().wireName());
        if (r.exitCode() != null) {
            o.put("exitCode", r.exitCode());
        }
        if (r.pid() != null) {
            o.put("pid", r.pid());
        }
        put(o, "error", r.error());
        put(o, "failure", r.failure());
        o.set("params", JSON.valueToTree(r.params()));
        o.put("revision", r.revision());
        if (r.queries() != null) {
            try {
                o.set("queries", JSON.readTree(r.queries()));
            } catch (Exception e) {
                o.putArray("queries");
            }
        } else {
            o.putArray("queries");
        }
        return o;
    }

    static JsonNode exported(JobExports.Exported e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("project", e.project().toString()).put("revision", e.revision()).put("mainClass", e.mainClass());
        o.set("report", e.report());
        return o;
    }

    private static void put(ObjectNode o, String key, Object value) {
        if (value != null) {
            o.put(key, value instanceof Instant i ? i.toString() : value.toString());
        }
    }
}
