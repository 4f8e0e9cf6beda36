package io.workbench.jobs.project;

import io.workbench.jobs.Deployment;
import io.workbench.jobs.Deployment.Mode;
import io.workbench.jobs.JobParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The exported project's manifests for the Kubeflow Spark operator (API {@code sparkoperator.k8s.io/v1beta2}):
 * {@code k8s/spark-application.yaml}, a {@code SparkApplication} for a continuous job (restarted on failure, with the
 * workbench's restart settings) or a once job (never restarted), and {@code k8s/scheduled-spark-application.yaml}, a
 * {@code ScheduledSparkApplication} for a scheduled job (its cron and time zone, never two runs at once). An export
 * that knows the job's mode writes the one it needs; one that does not writes both, each saying which mode it is for.
 *
 * <p>Both run the jar {@code mvn package} builds from an image the user makes, with the JVM flags Spark needs on JDK
 * 17 in {@code spark.driver.extraJavaOptions} and {@code spark.executor.extraJavaOptions}, and the checkpoints on a
 * volume that driver and executors mount. What only the user knows is a {@code <placeholder>}, with a comment above.
 */
final class SparkOperatorManifests {
    static final String API_VERSION = "sparkoperator.k8s.io/v1beta2";
    static final String APPLICATION = "k8s/spark-application.yaml";
    static final String SCHEDULED = "k8s/scheduled-spark-application.yaml";
    /** Where the image holds the jar, and where the checkpoint volume is mounted in the driver and executors. */
    static final String JAR_DIR = "/opt/spark/jobs";
    static final String CHECKPOINTS = "/checkpoints";
    /** How long Kubernetes lets a stopping driver finish its batches (the workbench's jobs.stop-timeout-seconds). */
    static final int STOP_GRACE_SECONDS = 75;

    private SparkOperatorManifests() {
    }

    /** The manifests this export writes, by path in the project. */
    static Map<String, String> render(ExportedJob job) {
        Map<String, String> files = new LinkedHashMap<>();
        Mode mode = job.deployment().mode();
        if (mode != Mode.SCHEDULED) {
            files.put(APPLICATION, application(job, mode == Mode.ONCE ? Mode.ONCE : Mode.CONTINUOUS));
        }
        if (mode == null || mode == Mode.SCHEDULED) {
            files.put(SCHEDULED, scheduled(job));
        }
        return files;
    }

    private static String application(ExportedJob job, Mode mode) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", API_VERSION);
        doc.put("kind", "SparkApplication");
        doc.put("metadata", metadata(job));
        doc.put("spec", spec(job, mode));
        YamlFile yaml = new YamlFile(doc).header(header(job, "SparkApplication", mode == Mode.ONCE
                ? "A once job (--mode once): one run that processes what its topics hold, then ends; never restarted."
                : "A continuous job (--mode continuous): runs until deleted; the operator restarts it when it fails."));
        if (job.deployment().mode() == null) {
            yaml.header("For a scheduled job (--mode scheduled), use " + SCHEDULED + " instead.");
        }
        return comments(yaml, List.of("spec"), job, mode).render();
    }

    private static String scheduled(ExportedJob job) {
        Deployment d = job.deployment();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("schedule", d.cron() != null ? d.cron() : "<CRON: minute hour day-of-month month day-of-week>");
        spec.put("timeZone", d.timeZone() != null ? d.timeZone() : "UTC");
        spec.put("concurrencyPolicy", "Forbid");
        spec.put("template", spec(job, Mode.SCHEDULED));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", API_VERSION);
        doc.put("kind", "ScheduledSparkApplication");
        doc.put("metadata", metadata(job));
        doc.put("spec", spec);
        YamlFile yaml = new YamlFile(doc).header(header(job, "ScheduledSparkApplication", "A scheduled job (--mode"
                + " scheduled): at each cron time a run processes what arrived since the last one, then ends."));
        if (d.mode() == null) {
            yaml.header("For a continuous or once job, use " + APPLICATION + " instead.");
        }
        yaml.comment(List.of("spec", "schedule"), d.cron() != null ? "The job's cron (5 fields), read in timeZone."
                : "The job's cron: 5 fields, minute hour day-of-month month day-of-week, read in timeZone.");
        yaml.comment(List.of("spec", "concurrencyPolicy"), "A run due while the previous one still runs is skipped,"
                + " as the workbench does: two runs must never share the checkpoints.");
        return comments(yaml, List.of("spec", "template"), job, Mode.SCHEDULED).render();
    }

    private static String[] header(ExportedJob job, String kind, String what) {
        return new String[] {job.title() + ": the job " + job.names().job() + " as a " + kind + " of the Kubeflow Spark"
                + " operator.", what, "Exported by the workbench from " + job.notebook() + ", revision " + job.revision()
                + "; README.md says more.", "Fill in every <PLACEHOLDER>, then: kubectl apply -f THIS_FILE", ""};
    }

    private static Map<String, Object> metadata(ExportedJob job) {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", kubernetesName(job.names().job()));
        labels.put("app.kubernetes.io/version", job.revision());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", kubernetesName(job.names().job()));
        m.put("labels", labels);
        return m;
    }

    /** The SparkApplicationSpec: of the SparkApplication, or the ScheduledSparkApplication's template. */
    private static Map<String, Object> spec(ExportedJob job, Mode mode) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", "Java");
        spec.put("mode", "cluster");
        spec.put("sparkVersion", job.sparkVersion());
        spec.put("image", "<IMAGE>");
        spec.put("imagePullPolicy", "IfNotPresent");
        spec.put("mainClass", job.mainClass());
        spec.put("mainApplicationFile", "local://" + JAR_DIR + "/" + job.clusterJar());
        spec.put("arguments", JobArguments.of(job, mode.option(), CHECKPOINTS + "/" + job.names().job()));
        Map<String, Object> conf = new LinkedHashMap<>();
        conf.put("spark.driver.extraJavaOptions", job.jvmOptionsLine());
        conf.put("spark.executor.extraJavaOptions", job.jvmOptionsLine());
        spec.put("sparkConf", conf);
        spec.put("restartPolicy", restartPolicy(job.deployment(), mode));
        spec.put("volumes", List.of(map("name", "checkpoints",
                "persistentVolumeClaim", map("claimName", "<CHECKPOINT_CLAIM>"))));
        Map<String, Object> driver = pod(1, "1g");
        driver.put("serviceAccount", "<SERVICE_ACCOUNT>");
        driver.put("terminationGracePeriodSeconds", STOP_GRACE_SECONDS);
        driver.put("env", List.of(map("name", "KAFKA_BOOTSTRAP_SERVERS", "value", "<KAFKA_BOOTSTRAP_SERVERS>")));
        driver.put("volumeMounts", List.of(checkpointMount()));
        spec.put("driver", driver);
        Map<String, Object> executor = new LinkedHashMap<>();
        executor.put("instances", 1);
        executor.putAll(pod(1, "1g"));
        executor.put("volumeMounts", List.of(checkpointMount()));
        spec.put("executor", executor);
        return spec;
    }

    /**
     * OnFailure for a continuous job, with the workbench's restart settings: as many retries, the first after the
     * same delay (the operator waits the interval times the attempt, where the workbench doubles the delay). Never
     * for the others: a failed scheduled run is followed by the next cron time, a once run by nothing.
     */
    static Map<String, Object> restartPolicy(Deployment d, Mode mode) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (mode != Mode.CONTINUOUS) {
            p.put("type", "Never");
            return p;
        }
        long interval = Math.max(1, d.restarts().initialDelay().toSeconds());
        p.put("type", "OnFailure");
        p.put("onFailureRetries", d.restarts().maxAttempts());
        p.put("onFailureRetryInterval", interval);
        p.put("onSubmissionFailureRetries", d.restarts().maxAttempts());
        p.put("onSubmissionFailureRetryInterval", interval);
        return p;
    }

    private static Map<String, Object> pod(int cores, String memory) {
        return map("cores", cores, "memory", memory);
    }

    private static Map<String, Object> checkpointMount() {
        return map("name", "checkpoints", "mountPath", CHECKPOINTS);
    }

    /** A mapping with its keys in the order given: key, value, key, value… */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** Comments on the fields of a SparkApplicationSpec at {@code at}. */
    private static YamlFile comments(YamlFile yaml, List<String> at, ExportedJob job, Mode mode) {
        yaml.comment(path(at, "sparkVersion"), "The Spark the job was built for: the image must have this one,"
                + " for Scala 2.12.");
        yaml.comment(path(at, "image"), "<IMAGE>: an image with Spark " + job.sparkVersion() + " (Scala 2.12) on"
                + " Java 17 and target/" + job.clusterJar() + " (mvn -q package) copied to " + JAR_DIR + "/.");
        List<String> args = new ArrayList<>(List.of("The job's options (README.md): its name, its mode, where its"
                + " checkpoints are; --param NAME=VALUE sets a parameter."));
        for (JobParameter p : JobArguments.computed(job)) {
            args.add("Parameter " + p.name() + " (" + p.type() + ") is not set here: its default is the notebook's"
                    + " code, " + p.defaultCode().replaceAll("\\s*[\\r\\n]+\\s*", " "));
        }
        yaml.comment(path(at, "arguments"), args.toArray(String[]::new));
        yaml.comment(path(at, "sparkConf"), "Spark on JDK 17 needs these JVM flags in the driver and the executors"
                + " (the job runtime's job-runtime.jvm-options).");
        yaml.comment(path(at, "restartPolicy"), mode == Mode.CONTINUOUS
                ? new String[] {"As the workbench restarts a failed continuous run (jobs.restart.*): up to "
                        + job.deployment().restarts().maxAttempts() + " times, the first after "
                        + job.deployment().restarts().initialDelay().toSeconds() + " s. The operator waits the"
                        + " interval times the attempt, never resets its count, and also retries exit codes 2"
                        + " (wrong parameter), 3 (a checkpoint of a different query) and 4 (Kafka data loss),"
                        + " which no retry mends."}
                : new String[] {"Not restarted: " + (mode == Mode.SCHEDULED ? "the next cron time runs it again."
                        : "run it again by hand.")});
        yaml.comment(path(at, "volumes"), "The checkpoints (" + CHECKPOINTS + "/" + job.names().job() + "/<query"
                + " name>) MUST be durable: a volume that outlives every run, that the driver and all executors mount"
                + " (ReadWriteMany, such as NFS or a CSI file system). They hold the Kafka offsets and the state of the"
                + " queries; lost, the job starts over or loses state. <CHECKPOINT_CLAIM>: the PersistentVolumeClaim.");
        yaml.comment(path(at, "driver"), "<SERVICE_ACCOUNT>: one that may create the executor pods. Size driver and"
                + " executors to the job; a driver stopped by Kubernetes finishes its batches first (up to 60 s).",
                "<KAFKA_BOOTSTRAP_SERVERS>: the Kafka cluster the job reads and writes, HOST:9092,HOST:9092.");
        return yaml;
    }

    private static List<String> path(List<String> at, String key) {
        List<String> p = new ArrayList<>(at);
        p.add(key);
        return p;
    }

    /** A Kubernetes object name (RFC 1123: lower case letters, digits, '-' and '.') for a job's name. */
    static String kubernetesName(String job) {
        String n = job.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        n = n.isEmpty() ? "job" : n;
        return n.length() <= 63 ? n : n.substring(0, 63).replaceAll("[^a-z0-9]+$", "");
    }
}
