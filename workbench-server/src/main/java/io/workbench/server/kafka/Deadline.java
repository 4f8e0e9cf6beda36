package io.workbench.server.kafka;

import io.workbench.server.http.ApiException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * One browser request's time budget for Kafka calls. A call that does not finish within what is left, or that
 * fails with a retriable error (the broker is down or still starting), becomes a 503 that names the bootstrap
 * servers and says how to start the embedded broker.
 */
final class Deadline {
    private final String bootstrap;
    private final long endNanos;

    Deadline(String bootstrap, long millis) {
        this.bootstrap = bootstrap;
        this.endNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    long remainingMillis() {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(endNanos - System.nanoTime()));
    }

    boolean passed() {
        return endNanos - System.nanoTime() <= 0;
    }

    /** The future's value, or the cause of its failure (unwrapped) when that is not about reaching Kafka. */
    <T> T get(KafkaFuture<T> future) throws ExecutionException {
        try {
            return future.get(remainingMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw unreachable(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException && !(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw unreachable(e.getCause());
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(e);
        }
    }

    ApiException unreachable(Throwable cause) {
        return new ApiException.Unavailable("The Kafka broker at " + bootstrap + " is unreachable (no answer within "
                + KafkaClients.DEADLINE_MILLIS / 1000 + " s). Start the embedded broker with './workbench start', or point"
                + " KAFKA_BOOTSTRAP_SERVERS at a running cluster, then refresh.", cause);
    }
}
