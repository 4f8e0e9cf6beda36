package io.workbench.server.kafka;

import io.vertx.ext.web.RoutingContext;
import io.workbench.server.http.ApiException;
import io.workbench.server.http.Endpoint;
import io.workbench.server.http.Responses;
import java.util.List;

/** The Kafka browser under /api/workbench/kafka; the Kafka calls run on worker threads. */
public final class KafkaRoutes {
    private final KafkaBrowser browser;

    public KafkaRoutes(KafkaBrowser browser) {
        this.browser = browser;
    }

    private void topics(RoutingContext ctx) {
        Responses.blocking(ctx, 200, browser::topics);
    }

    private void records(RoutingContext ctx) {
        String topic = ctx.pathParam("topic");
        Integer limit = integer(ctx, "limit");
        Integer partition = integer(ctx, "partition");
        if (partition != null && partition < 0) {
            throw new ApiException.BadRequest("partition must be 0 or more, got " + partition + ".");
        }
        Responses.blocking(ctx, 200, () -> browser.tail(topic, partition, limit == null ? KafkaBrowser.DEFAULT_LIMIT : limit));
    }

    private static Integer integer(RoutingContext ctx, String name) {
        String text = ctx.queryParams().get(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new ApiException.BadRequest(name + " must be a whole number, got '" + text + "'.");
        }
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/api/workbench/kafka/topics", this::topics),
                Endpoint.get("/api/workbench/kafka/topics/{topic}/records", this::records));
    }
}
