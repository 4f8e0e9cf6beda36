package io.workbench.jobs.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.jobs.Deployment;
import io.workbench.jobs.Deployment.Mode;
import io.workbench.jobs.Deployment.Restarts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The manifests are read back as YAML and their fields compared with the job's. */
class SparkOperatorManifestsTest {
    private static final List<String> PARAMS = List.of("--param", "topic=events", "--param", "partitions=4");

    @Test
    void aContinuousJobIsASparkApplicationRestartedAsTheWorkbenchRestartsIt() {
        ExportedJob job = TestJobs.sales(new Deployment(Mode.CONTINUOUS, null, null,
                new Restarts(3, Duration.ofSeconds(10))));
        Map<String, String> files = SparkOperatorManifests.render(job);
        assertEquals(List.of(SparkOperatorManifests.APPLICATION), List.copyOf(files.keySet()));
        Map<String, Object> app = yaml(files.get(SparkOperatorManifests.APPLICATION));
        assertEquals("sparkoperator.k8s.io/v1beta2", app.get("apiVersion"));
        assertEquals("SparkApplication", app.get("kind"));
        assertEquals("sales", map(app, "metadata").get("name"));
        Map<String, Object> spec = map(app, "spec");
        assertSpec(job, spec, "continuous");
        assertEquals(Map.of("type", "OnFailure", "onFailureRetries", 3, "onFailureRetryInterval", 10,
                "onSubmissionFailureRetries", 3, "onSubmissionFailureRetryInterval", 10), map(spec, "restartPolicy"));
    }

    @Test
    void aScheduledJobIsAScheduledSparkApplicationOnItsCronNeverTwiceAtOnce() {
        ExportedJob job = TestJobs.sales(new Deployment(Mode.SCHEDULED, "*/15 6-20 * * 1-5", "Europe/Paris", null));
        Map<String, String> files = SparkOperatorManifests.render(job);
        assertEquals(List.of(SparkOperatorManifests.SCHEDULED), List.copyOf(files.keySet()));
        Map<String, Object> app = yaml(files.get(SparkOperatorManifests.SCHEDULED));
        assertEquals("sparkoperator.k8s.io/v1beta2", app.get("apiVersion"));
        assertEquals("ScheduledSparkApplication", app.get("kind"));
        Map<String, Object> spec = map(app, "spec");
        assertEquals("*/15 6-20 * * 1-5", spec.get("schedule"));
        assertEquals("Europe/Paris", spec.get("timeZone"));
        assertEquals("Forbid", spec.get("concurrencyPolicy"));
        Map<String, Object> template = map(spec, "template");
        assertSpec(job, template, "scheduled");
        assertEquals(Map.of("type", "Never"), map(template, "restartPolicy"), "the next cron time is the retry");
    }

    @Test
    void aOnceJobIsASparkApplicationThatIsNeverRestarted() {
        ExportedJob job = TestJobs.sales(new Deployment(Mode.ONCE, null, null, null));
        Map<String, Object> spec = map(yaml(SparkOperatorManifests.render(job).get(SparkOperatorManifests.APPLICATION)),
                "spec");
        assertSpec(job, spec, "once");
        assertEquals(Map.of("type", "Never"), map(spec, "restartPolicy"));
    }

    @Test
    void withoutAModeBothAreWrittenEachSayingWhichModeItIsFor() {
        ExportedJob job = TestJobs.sales(Deployment.unknown());
        Map<String, String> files = SparkOperatorManifests.render(job);
        assertEquals(List.of(SparkOperatorManifests.APPLICATION, SparkOperatorManifests.SCHEDULED),
                List.copyOf(files.keySet()));
        String continuous = files.get(SparkOperatorManifests.APPLICATION);
        assertTrue(continuous.startsWith("# Sales & more: the job sales as a SparkApplication"), continuous);
        assertTrue(continuous.contains("# A continuous job (--mode continuous)"), continuous);
        assertTrue(continuous.contains("# For a scheduled job (--mode scheduled), use k8s/scheduled-spark-application.yaml"));
        Map<String, Object> spec = map(yaml(continuous), "spec");
        assertSpec(job, spec, "continuous");
        assertEquals(Map.of("type", "OnFailure", "onFailureRetries", 5, "onFailureRetryInterval", 2,
                "onSubmissionFailureRetries", 5, "onSubmissionFailureRetryInterval", 2), map(spec, "restartPolicy"),
                "the workbench's defaults");
        String scheduled = files.get(SparkOperatorManifests.SCHEDULED);
        assertTrue(scheduled.contains("# For a continuous or once job, use k8s/spark-application.yaml instead."));
        Map<String, Object> s = map(yaml(scheduled), "spec");
        assertTrue(((String) s.get("schedule")).startsWith("<CRON"), "a placeholder: " + s.get("schedule"));
        assertEquals("UTC", s.get("timeZone"));
        assertSpec(job, map(s, "template"), "scheduled");
    }

    @Test
    void placeholdersAndTheDurableCheckpointAreExplainedInComments() {
        String text = SparkOperatorManifests.render(TestJobs.sales(Deployment.unknown()))
                .get(SparkOperatorManifests.APPLICATION);
        assertTrue(text.contains("\n  # The checkpoints (/checkpoints/sales/<query name>) MUST be durable"), text);
        assertTrue(text.lines().allMatch(l -> l.length() <= 110 || !l.strip().startsWith("#")), "comments wrap");
        String comments = String.join(" ", text.lines().map(String::strip).filter(l -> l.startsWith("#"))
                .map(l -> l.substring(1).strip()).toList());
        assertTrue(comments.contains("<IMAGE>: an image with Spark 3.5.7 (Scala 2.12) on Java 17 and"
                + " target/sales-cluster.jar"), comments);
        assertTrue(comments.contains("Parameter since (Duration) is not set here: its default is the notebook's code,"
                + " Duration.ofHours( 2)"), comments);
        assertTrue(text.contains("\n  image: <IMAGE>\n"), text);
        assertTrue(text.contains("\n    spark.driver.extraJavaOptions: " + String.join(" ", TestJobs.JVM_OPTIONS)
                + "\n"), "the flags on one line: " + text);
    }

    @Test
    void kubernetesNamesAreLowerCaseLettersDigitsAndDashes() {
        assertEquals("sales-per-window", SparkOperatorManifests.kubernetesName("sales-per-window"));
        assertEquals("02-sales-v2", SparkOperatorManifests.kubernetesName("02_Sales_V2"));
        assertEquals("job", SparkOperatorManifests.kubernetesName("__"));
        assertEquals(63, SparkOperatorManifests.kubernetesName("a".repeat(64)).length());
    }

    /** What every manifest's SparkApplicationSpec says of the job. */
    private static void assertSpec(ExportedJob job, Map<String, Object> spec, String mode) {
        assertEquals("Java", spec.get("type"));
        assertEquals("cluster", spec.get("mode"));
        assertEquals("3.5.7", spec.get("sparkVersion"));
        assertEquals("jobs.SalesJob", spec.get("mainClass"));
        assertEquals("local:///opt/spark/jobs/sales-cluster.jar", spec.get("mainApplicationFile"));
        List<Object> args = list(spec, "arguments");
        assertEquals(List.of("--job", "sales", "--mode", mode, "--checkpoint-dir", "/checkpoints/sales"),
                args.subList(0, 6));
        assertEquals(PARAMS, args.subList(6, args.size()), "the parameters with literal defaults");
        Map<String, Object> conf = map(spec, "sparkConf");
        for (String key : List.of("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions")) {
            List<String> options = List.of(((String) conf.get(key)).split(" "));
            assertEquals(TestJobs.JVM_OPTIONS, options, key);
        }
        assertEquals(List.of(Map.of("name", "checkpoints", "persistentVolumeClaim",
                Map.of("claimName", "<CHECKPOINT_CLAIM>"))), list(spec, "volumes"));
        Map<String, Object> driver = map(spec, "driver");
        Map<String, Object> executor = map(spec, "executor");
        for (Map<String, Object> pod : List.of(driver, executor)) {
            assertEquals(1, pod.get("cores"));
            assertEquals("1g", pod.get("memory"));
            assertEquals(List.of(Map.of("name", "checkpoints", "mountPath", "/checkpoints")), list(pod, "volumeMounts"));
        }
        assertEquals(1, executor.get("instances"));
        assertEquals(List.of(Map.of("name", "KAFKA_BOOTSTRAP_SERVERS", "value", "<KAFKA_BOOTSTRAP_SERVERS>")),
                list(driver, "env"));
        assertEquals(75, driver.get("terminationGracePeriodSeconds"));
    }

    private static Map<String, Object> yaml(String text) {
        return new Yaml().load(text);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> m, String key) {
        return (List<Object>) m.get(key);
    }
}
