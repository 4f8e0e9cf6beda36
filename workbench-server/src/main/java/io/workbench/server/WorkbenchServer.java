package io.workbench.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.workbench.config.MetricsKeys;
import io.workbench.server.auth.RequestGuard;
import io.workbench.server.auth.TokenAuth;
import io.workbench.server.contents.ContentsPaths;
import io.workbench.server.contents.ContentsRoutes;
import io.workbench.server.contents.NotebookStore;
import io.workbench.server.http.Endpoint;
import io.workbench.server.http.ErrorHandler;
import io.workbench.server.jobs.ExportService;
import io.workbench.server.jobs.JobExports;
import io.workbench.server.jobs.JobManager;
import io.workbench.server.jobs.JobRoutes;
import io.workbench.server.jobs.JobStore;
import io.workbench.server.jobs.JobsConfig;
import io.workbench.server.jobs.LocalJobLauncher;
import io.workbench.server.kafka.KafkaBrowser;
import io.workbench.server.kafka.KafkaRoutes;
import io.workbench.server.kernels.KernelManager;
import io.workbench.server.kernels.KernelProvisioner;
import io.workbench.server.kernels.KernelRoutes;
import io.workbench.server.kernels.KernelspecRoutes;
import io.workbench.server.metrics.MetricsRoutes;
import io.workbench.server.metrics.PrometheusTargets;
import io.workbench.server.metrics.WorkbenchMetrics;
import io.workbench.server.pipeline.PipelineHistory;
import io.workbench.server.pipeline.PipelineRoutes;
import io.workbench.server.pipeline.PrometheusAlerts;
import io.workbench.server.sessions.SessionManager;
import io.workbench.server.sessions.SessionRoutes;
import io.workbench.server.streams.StreamsManager;
import io.workbench.server.streams.StreamsRoutes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The workbench HTTP server: Jupyter's REST API and kernel channels, the workbench API, metrics and the
 * browser app, behind the Host/Origin guard and token authentication. Binds to the configured host,
 * 127.0.0.1 unless told otherwise.
 */
public final class WorkbenchServer implements AutoCloseable {
    static final String DEFAULT_KERNEL = "workbench-java";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data: blob:; connect-src 'self' ws: wss:; font-src 'self' data:; object-src 'none';"
            + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Vertx vertx;
    private final HttpServer http;
    private final KernelManager kernels;
    private final WorkbenchMetrics metrics;
    private final String token;
    private final List<Endpoint> endpoints;
    private final KafkaBrowser kafka;
    private final JobManager jobs;
    private final PipelineHistory pipeline;

    private WorkbenchServer(Vertx vertx, HttpServer http, KernelManager kernels, WorkbenchMetrics metrics, String token,
                            List<Endpoint> endpoints, KafkaBrowser kafka, JobManager jobs, PipelineHistory pipeline) {
        this.vertx = vertx;
        this.http = http;
        this.kernels = kernels;
        this.metrics = metrics;
        this.token = token;
        this.endpoints = endpoints;
        this.kafka = kafka;
        this.jobs = jobs;
        this.pipeline = pipeline;
    }

    public static Future<WorkbenchServer> start(Vertx vertx, ServerConfig config, KernelProvisioner provisioner,
                                                String kafkaBootstrap) {
        WorkbenchMetrics metrics = new WorkbenchMetrics();
        NotebookStore store;
        try {
            store = new NotebookStore(new ContentsPaths(config.notebooksDir()));
        } catch (IOException e) {
            return Future.failedFuture(new IllegalStateException("Cannot use the notebooks directory "
                    + config.notebooksDir() + ": " + e.getMessage()));
        }
        String metricsToken = config.metrics().token() != null && !config.metrics().token().isBlank()
                ? config.metrics().token() : TokenAuth.randomToken();
        try {
            // Before any kernel starts: kernels read it beside their connection files (docs/metrics.md).
            writeMetricsToken(config.runtimeDir(), metricsToken);
        } catch (IOException e) {
            return Future.failedFuture(new IllegalStateException("Cannot write the metrics token to "
                    + config.runtimeDir() + ": " + e.getMessage()));
        }
        KernelManager kernels = new KernelManager(vertx, provisioner, metrics, DEFAULT_KERNEL, config.warmKernels(),
                config.cullIdleSeconds(), config.heartbeatSeconds());
        SessionManager sessions = new SessionManager(vertx, kernels, store);
        KafkaBrowser kafka = new KafkaBrowser(kafkaBootstrap);
        metrics.kafka(kafka);
        JobManager jobs;
        ExportService exportService;
        try {
            JobsConfig jc = config.jobs();
            java.nio.file.Files.createDirectories(jc.dir());
            JobExports exports = new JobExports(jc);
            jobs = new JobManager(jc, new JobStore(jc.dir()), exports, new LocalJobLauncher(jc, Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap, io.workbench.config.Settings.HOME_ENV, jc.home().toString(),
                    "SPARK_LOCAL_IP", "127.0.0.1", MetricsKeys.TOKEN.envName(), metricsToken,
                    MetricsKeys.BIND_HOST.envName(), config.metrics().bindHost())), config.notebooksDir(),
                    java.time.Clock.systemUTC());
            exportService = new ExportService(exports, config.notebooksDir(), jc.dir().resolve("exports"));
            jobs.start();
            metrics.jobs(jobs);
        } catch (IOException | RuntimeException e) {
            kafka.close();
            kernels.close();
            return Future.failedFuture(new IllegalStateException("Cannot start the jobs: " + e.getMessage(), e));
        }
        String token = config.token() != null && !config.token().isBlank() ? config.token() : TokenAuth.randomToken();

        List<Endpoint> endpoints = new ArrayList<>();
        endpoints.addAll(new ContentsRoutes(store).endpoints());
        endpoints.addAll(new KernelRoutes(kernels, metrics).endpoints());
        endpoints.addAll(new KernelspecRoutes(kernels).endpoints());
        endpoints.addAll(new SessionRoutes(sessions).endpoints());
        endpoints.addAll(new StreamsRoutes(new StreamsManager(kernels)).endpoints());
        endpoints.addAll(new WorkbenchRoutes(kernels, kafkaBootstrap).endpoints());
        PrometheusTargets targets = new PrometheusTargets(kernels, sessions, jobs,
                () -> config.runtimeDir().resolve(MetricsKeys.BROKER_PORT_FILE), config.metrics().advertiseHost());
        endpoints.addAll(new MetricsRoutes(metrics, targets).endpoints());
        PipelineHistory pipeline = new PipelineHistory(() -> pipelineTargets(targets), metricsToken,
                java.time.Clock.systemUTC());
        endpoints.addAll(new PipelineRoutes(pipeline, new PrometheusAlerts(config.prometheusUrl()), () -> {
            Map<String, String> states = new java.util.HashMap<>();
            jobs.list().forEach(j -> states.put(j.job().name(), j.state()));
            return states;
        }).endpoints());
        endpoints.addAll(new KafkaRoutes(kafka).endpoints());
        endpoints.addAll(new JobRoutes(jobs, exportService).endpoints());

        Router router = router(vertx, config, token, metricsToken, endpoints, metrics);
        return vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
                .requestHandler(router)
                .listen(config.port(), config.host())
                .map(http -> {
                    pipeline.start();
                    return new WorkbenchServer(vertx, http, kernels, metrics, token, endpoints, kafka, jobs, pipeline);
                })
                .onFailure(e -> {
                    jobs.close();
                    kafka.close();
                    kernels.close();
                    metrics.close();
                });
    }

    /** The kernels and job runs of Prometheus's discovery, whose queries and producers the Pipeline page charts. */
    @SuppressWarnings("unchecked")
    private static List<PipelineHistory.Target> pipelineTargets(PrometheusTargets targets) {
        List<PipelineHistory.Target> out = new ArrayList<>();
        for (Map<String, Object> g : targets.groups("")) {
            Map<String, String> labels = (Map<String, String>) g.get("labels");
            String kind = labels.get("kind");
            if ("kernel".equals(kind) || "job".equals(kind)) {
                out.add(new PipelineHistory.Target(kind, ((List<String>) g.get("targets")).get(0), labels));
            }
        }
        return out;
    }

    /** Writes the metrics token for Prometheus's credentials_file and the kernels, readable by this user only. */
    private static void writeMetricsToken(Path runtimeDir, String metricsToken) throws IOException {
        Files.createDirectories(runtimeDir);
        Path file = runtimeDir.resolve(MetricsKeys.TOKEN_FILE);
        Path tmp = runtimeDir.resolve(MetricsKeys.TOKEN_FILE + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, metricsToken + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Router router(Vertx vertx, ServerConfig config, String token, String metricsToken,
                                 List<Endpoint> endpoints, WorkbenchMetrics metrics) {
        Router router = Router.router(vertx);
        ErrorHandler errors = new ErrorHandler();
        router.route().handler(ctx -> timed(ctx, metrics));
        router.route().handler(new RequestGuard(config.host(), config.allowedHosts(), config.allowedOrigins()));
        router.route().handler(new TokenAuth(token, metricsToken));
        // Bodies only for methods that carry one: a body handler on GET would consume WebSocket upgrades.
        BodyHandler bodies = BodyHandler.create().setBodyLimit(64L * 1024 * 1024);
        for (io.vertx.core.http.HttpMethod m : List.of(io.vertx.core.http.HttpMethod.POST, io.vertx.core.http.HttpMethod.PUT,
                io.vertx.core.http.HttpMethod.PATCH, io.vertx.core.http.HttpMethod.DELETE)) {
            router.route(m, "/api/*").handler(bodies);
        }
        java.util.Set<String> mounted = new java.util.HashSet<>();
        for (Endpoint e : endpoints) {
            io.vertx.core.Handler<RoutingContext> h = ctx -> {
                ctx.put("route", e.template());
                e.handler().handle(ctx);
            };
            if (e.greedyPath()) {
                String prefix = e.template().substring(0, e.template().indexOf("/{path}"));
                if (mounted.add(e.method() + prefix)) {
                    router.routeWithRegex(e.method(), java.util.regex.Pattern.quote(prefix) + "(/.*)?").handler(h);
                }
            } else {
                router.route(e.method(), e.vertxPath()).handler(h);
            }
        }
        router.route("/assets/*").handler(StaticHandler.create("webroot/assets").setCachingEnabled(false));
        router.routeWithRegex(io.vertx.core.http.HttpMethod.GET, "/|/tree.*|/notebooks/.*|/jobs(/.*)?|/pipeline/?").handler(ctx ->
                ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("Content-Type", "text/html; charset=utf-8")
                        .sendFile("webroot/index.html").onFailure(ctx::fail));
        router.route().failureHandler(errors);
        for (int status : new int[] {400, 401, 403, 404, 405, 413, 500}) {
            router.errorHandler(status, errors);
        }
        return router;
    }

    private static void timed(RoutingContext ctx, WorkbenchMetrics metrics) {
        long t0 = System.nanoTime();
        ctx.addEndHandler(v -> {
            String route = ctx.get("route");
            metrics.httpRequest(ctx.request().method().name(), route == null ? "other" : route,
                    ctx.response().getStatusCode(), System.nanoTime() - t0);
        });
        ctx.next();
    }

    public int port() {
        return http.actualPort();
    }

    public String token() {
        return token;
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    public KernelManager kernels() {
        return kernels;
    }

    /** Stops accepting requests, then shuts down every kernel and the Kafka browser's client. */
    @Override
    public void close() {
        http.close().toCompletionStage().toCompletableFuture().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
        pipeline.close();
        jobs.close();
        kernels.close();
        kafka.close();
        metrics.close();
    }
}
