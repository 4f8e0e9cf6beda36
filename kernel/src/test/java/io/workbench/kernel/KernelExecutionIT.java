package io.workbench.kernel;

import static io.workbench.kernel.TestKernels.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.workbench.protocol.Channel;
import io.workbench.protocol.Message;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.client.Execution;
import io.workbench.protocol.client.LocalKernel;
import io.workbench.protocol.messages.CompleteRequest;
import io.workbench.protocol.messages.InspectRequest;
import io.workbench.protocol.messages.InterruptRequest;
import io.workbench.protocol.messages.IsCompleteRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One real kernel JVM with Spark, talking to a real broker, driven over the Jupyter protocol. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelExecutionIT {
    private LocalKernel kernel;

    @BeforeAll
    void start() throws Exception {
        kernel = TestKernels.start(Map.of());
    }

    @AfterAll
    void stop() {
        if (kernel != null) {
            kernel.close();
        }
    }

    private Execution ok(String code) throws Exception {
        Execution e = run(kernel, code);
        assertEquals("ok", e.status(), () -> "cell failed: " + code + "\n" + e.iopub() + "\nkernel log:\n" + kernel.logTail(40));
        return e;
    }

    private JsonNode error(Execution e) {
        assertEquals("error", e.status(), () -> "expected an error, got " + e.iopub());
        List<Message> errors = e.iopub("error");
        assertEquals(1, errors.size(), () -> "one error message expected: " + e.iopub());
        return errors.get(0).content();
    }

    @Test
    void stateLastsAcrossCellsForEveryKindOfSnippet() throws Exception {
        ok("""
                import java.util.concurrent.atomic.*;
                int base = 40;
                int twice(int x) { return 2 * x; }
                record Point(int x, int y) {}
                interface Shape { double area(); }
                class Square implements Shape { public double area() { return 4; } }
                enum Color { RED, GREEN }
                """);
        assertEquals("45.0", ok("new Point(base, twice(1)).x() + new Square().area() + Color.GREEN.ordinal()").resultText());
        assertEquals("8", ok("AtomicInteger counter = new AtomicInteger(7); counter.incrementAndGet()").resultText());
        assertEquals("9", ok("counter.incrementAndGet()").resultText());
    }

    @Test
    void onlyAFinalExpressionIsTheResult() throws Exception {
        Execution declaration = ok("var greeting = \"hi\";");
        assertNull(declaration.resultText());
        assertEquals("\"hi!\"", ok("greeting + \"!\"").resultText());
        Execution print = ok("System.out.println(greeting)");
        assertEquals("hi\n", print.stream("stdout"));
        assertNull(print.resultText());
        assertEquals("hi", ok("greeting").resultText().replace("\"", ""));
    }

    @Test
    void stdoutStreamsWhileTheCellRuns() throws Exception {
        Execution e = ok("System.out.println(\"first\"); Thread.sleep(1500); System.err.println(\"second\");");
        Message first = e.iopub("stream").stream().filter(m -> m.content().path("text").asText().contains("first"))
                .findFirst().orElseThrow();
        Instant firstAt = Instant.parse(first.header().date());
        Instant replyAt = Instant.parse(e.reply().header().date());
        assertTrue(Duration.between(firstAt, replyAt).toMillis() >= 1000,
                () -> "stdout arrived only at the end: " + firstAt + " vs reply " + replyAt);
        assertEquals("second\n", e.stream("stderr"));
    }

    @Test
    void compileErrorsPointAtTheCellsOwnLineAndColumn() throws Exception {
        Execution e = run(kernel, "int okValue = 1;\nint alsoOk = 2;\nString bad = okValue;\n");
        JsonNode error = error(e);
        assertEquals("CompileError", error.path("ename").asText());
        assertTrue(error.path("evalue").asText().startsWith("line 3, column 14: incompatible types"),
                error.path("evalue").asText());
        assertEquals("    String bad = okValue;", error.path("traceback").get(1).asText());
        assertEquals("3", ok("okValue + alsoOk").resultText(), "snippets before the error ran");
    }

    @Test
    void runtimeErrorsShowCellLinesAndNoKernelInternals() throws Exception {
        Execution e = run(kernel, "int divide(int a, int b) {\n  return a / b;\n}\nint zero = 0;\ndivide(1, zero)");
        JsonNode error = error(e);
        int count = e.reply().content().path("execution_count").asInt();
        assertEquals("java.lang.ArithmeticException", error.path("ename").asText());
        String tb = error.path("traceback").toString();
        assertTrue(tb.contains("at divide(cell [" + count + "], line 2)"), tb);
        assertTrue(tb.contains("at cell [" + count + "], line 5"), tb);
        for (String internal : List.of("io.workbench.kernel", "jdk.internal.reflect", "jdk.jshell", "java.lang.Thread.run")) {
            assertFalse(tb.contains(internal), () -> "kernel internals in " + tb);
        }
        assertEquals("2", ok("1 + 1").resultText(), "the kernel carries on");
    }

    @Test
    void interruptStopsAnEndlessLoopWithinOneSecond() throws Exception {
        ok("long spins = 0;");
        assertInterruptedWithinOneSecond("while (true) { spins++; }");
        assertEquals("true", ok("spins > 0").resultText(), "state survives the interrupt");
    }

    @Test
    void interruptStopsASleepWithinOneSecond() throws Exception {
        assertInterruptedWithinOneSecond("Thread.sleep(600_000);");
    }

    @Test
    void interruptCancelsTheSparkJobsOfTheCell() throws Exception {
        assertInterruptedWithinOneSecond("""
                spark.range(0, 4, 1, 4)
                     .map((MapFunction<Long, Long>) x -> { Thread.sleep(600_000); return x; }, Encoders.LONG())
                     .count()""");
        Execution active = ok("""
                long deadline = System.currentTimeMillis() + 10_000;
                while (spark.sparkContext().statusTracker().getActiveJobIds().length > 0
                       && System.currentTimeMillis() < deadline) { Thread.sleep(50); }
                spark.sparkContext().statusTracker().getActiveJobIds().length""");
        assertEquals("0", active.resultText(), "the cell's Spark job was cancelled");
        assertEquals("3", ok("spark.range(3).count()").resultText(), "Spark still works");
    }

    private void assertInterruptedWithinOneSecond(String code) throws Exception {
        Execution e = Execution.start(kernel.client(), code);
        Thread.sleep(2000);
        assertNull(e.reply(), "the cell should still be running");
        long t0 = System.nanoTime();
        kernel.client().request(Channel.CONTROL, MessageType.INTERRUPT_REQUEST, new InterruptRequest())
                .reply().get(5, TimeUnit.SECONDS);
        Message reply = e.replyFuture().get(5, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        e.await(Duration.ofSeconds(5));
        assertTrue(millis < 1000, "interrupt took " + millis + " ms");
        assertEquals("error", reply.content().path("status").asText());
        assertEquals("Interrupted", reply.content().path("ename").asText());
    }

    @Test
    void lambdasAndClassesFromCellsRunInsideSparkJobs() throws Exception {
        ok("class Doubler implements java.io.Serializable { long apply(long x) { return 2 * x; } }\nDoubler doubler = new Doubler();");
        assertEquals("60", ok("""
                spark.range(1, 11)
                     .map((MapFunction<Long, Long>) x -> doubler.apply(x), Encoders.LONG())
                     .filter((FilterFunction<Long>) x -> x % 4 == 0)
                     .reduce((ReduceFunction<Long>) Long::sum)""").resultText());
        assertEquals("6", ok("""
                spark.udf().register("plusOne", (org.apache.spark.sql.api.java.UDF1<Long, Long>) x -> x + 1, DataTypes.LongType);
                spark.range(3).selectExpr("plusOne(id) AS v").agg(sum("v")).first().getLong(0)""").resultText());
    }

    @Test
    void aStreamingQueryWithAForeachBatchLambdaFromACell() throws Exception {
        assertEquals("10", ok("""
                String dir = java.nio.file.Files.createTempDirectory("foreach-batch").toString();
                spark.range(10).write().json(dir + "/in");
                var counted = new java.util.concurrent.atomic.AtomicLong();
                var query = spark.readStream().schema(spark.read().json(dir + "/in").schema()).json(dir + "/in")
                        .writeStream().trigger(Trigger.AvailableNow())
                        .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> counted.addAndGet(batch.count()))
                        .start();
                query.awaitTermination();
                counted.get()""").resultText());
    }

    @Test
    void sparkSurvivesImportsAndRedefinitions() throws Exception {
        ok("import org.apache.spark.api.java.function.*;");
        ok("class Temp {}");
        ok("class Temp { int v = 1; }");
        assertEquals("7", ok("spark.range(7).count()").resultText());
    }

    @Test
    void displayShowsDatasetsAsTablesAndCanUpdateInPlace() throws Exception {
        Execution e = ok("display(spark.range(3).selectExpr(\"id\", \"id * 2 AS twice\"));");
        Message shown = e.iopub("display_data").get(0);
        String html = shown.content().path("data").path("text/html").asText();
        assertTrue(html.contains(">twice<") && html.contains("bigint") && html.contains("<td>4</td>"), html);
        assertTrue(shown.content().path("data").path("text/plain").asText().contains("twice"));
        assertFalse(shown.content().path("transient").path("display_id").asText().isEmpty());

        Execution updated = ok("var handle = display(\"v1\"); handle.update(\"v2\");");
        String id = updated.iopub("display_data").get(0).content().path("transient").path("display_id").asText();
        Message update = updated.iopub("update_display_data").get(0);
        assertEquals(id, update.content().path("transient").path("display_id").asText());
        assertEquals("\"v2\"", update.content().path("data").path("text/plain").asText());
    }

    @Test
    void completionInspectionAndCompleteness() throws Exception {
        JsonNode c = request(MessageType.COMPLETE_REQUEST, new CompleteRequest("spark.ran", 9));
        assertTrue(c.path("matches").toString().contains("range("), c.toString());
        assertEquals(6, c.path("cursor_start").asInt());
        assertEquals(9, c.path("cursor_end").asInt());

        ok("int alphaValue = 1;");
        String code = "int z = 0;\nalphaV";
        JsonNode second = request(MessageType.COMPLETE_REQUEST, new CompleteRequest(code, code.length()));
        assertTrue(second.path("matches").toString().contains("alphaValue"), second.toString());
        assertEquals(code.length() - "alphaV".length(), second.path("cursor_start").asInt());

        JsonNode inspect = request(MessageType.INSPECT_REQUEST, new InspectRequest("String.valueOf", 14, 0));
        assertTrue(inspect.path("found").asBoolean(), inspect.toString());
        assertTrue(inspect.path("data").path("text/plain").asText().contains("valueOf"));

        assertEquals("incomplete", request(MessageType.IS_COMPLETE_REQUEST, new IsCompleteRequest("int x = (")).path("status").asText());
        assertEquals("complete", request(MessageType.IS_COMPLETE_REQUEST, new IsCompleteRequest("int x = 1;")).path("status").asText());
    }

    @Test
    void systemExitIsBlockedAndTheKernelLivesOn() throws Exception {
        JsonNode error = error(run(kernel, "System.exit(1)"));
        assertEquals("java.lang.SecurityException", error.path("ename").asText());
        assertTrue(error.path("evalue").asText().contains("blocked"));
        assertTrue(kernel.process().isAlive());
        assertEquals("4", ok("2 + 2").resultText());
    }

    @Test
    void kafkaHelpersWorkAgainstTheBroker() throws Exception {
        ok("kafka.createTopic(\"it-events\", 3)");
        assertEquals("1", ok("kafka.produce(\"it-events\", \"k1\", \"v1\"); 1").resultText());
        assertEquals("2", ok("kafka.produce(\"it-events\", new TreeMap<>(Map.of(\"k2\", \"v2\", \"k3\", \"v3\")))").resultText());
        assertEquals("3", ok("kafka.tail(\"it-events\", 10).size()").resultText());
        assertEquals("[v3]", ok("kafka.tail(\"it-events\", 1).column(\"value\")").resultText());
        assertEquals("true", ok("kafka.topics().column(\"topic\").contains(\"it-events\")").resultText());
        assertEquals("3", ok("kafka.describe(\"it-events\").size()").resultText());
        ok("""
                var groupProps = kafka.consumerProperties();
                groupProps.put("group.id", "it-group");
                try (var consumer = new KafkaConsumer<byte[], byte[]>(groupProps)) {
                    var zero = new HashMap<TopicPartition, OffsetAndMetadata>();
                    consumer.partitionsFor("it-events").forEach(p -> zero.put(new TopicPartition(p.topic(), p.partition()), new OffsetAndMetadata(0)));
                    consumer.commitSync(zero);
                }""");
        assertEquals("3", ok("kafka.lag(\"it-group\").column(\"lag\").stream().mapToLong(v -> (Long) v).sum()").resultText());
        Execution shown = ok("display(kafka.tail(\"it-events\", 5));");
        assertTrue(shown.iopub("display_data").get(0).content().path("data").path("text/html").asText().contains("k2"));
        assertEquals("false", ok("""
                kafka.deleteTopic("it-events");
                long until = System.currentTimeMillis() + 10_000;
                while (kafka.topicNames().contains("it-events") && System.currentTimeMillis() < until) Thread.sleep(100);
                kafka.topicNames().contains("it-events")""").resultText());
    }

    private <T> JsonNode request(MessageType<T> type, T content) throws Exception {
        return kernel.client().request(Channel.SHELL, type, content).reply().get(30, TimeUnit.SECONDS).content();
    }
}
