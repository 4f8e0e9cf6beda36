package io.workbench.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import io.workbench.server.http.ApiException;
import io.workbench.server.http.Endpoint;
import io.workbench.server.http.Responses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jobs under /api/workbench/jobs and exports under /api/workbench/exports (openapi.json, docs/jobs.md). */
public final class JobRoutes {
    private final JobManager jobs;
    private final ExportService exportService;

    public JobRoutes(JobManager jobs, ExportService exportService) {
        this.jobs = jobs;
        this.exportService = exportService;
    }

    private void list(RoutingContext ctx) {
        Responses.blocking(ctx, 200, () -> jobs.list().stream().map(JobJson::job).toList());
    }

    private void create(RoutingContext ctx) {
        JsonNode b = Responses.body(ctx);
        JobManager.NewJob req = new JobManager.NewJob(text(b, "name"), text(b, "notebook"),
                JobMode.parse(b.path("mode").asText("continuous")), text(b, "cron"), text(b, "timeZone"), params(b));
        Responses.blocking(ctx, 201, () -> {
            JobStatus s = jobs.create(req);
            ctx.response().putHeader("Location", "/api/workbench/jobs/" + s.job().name());
            return JobJson.job(s);
        });
    }

    private void get(RoutingContext ctx) {
        Responses.blocking(ctx, 200, () -> JobJson.job(jobs.get(name(ctx))));
    }

    private void update(RoutingContext ctx) {
        JsonNode b = Responses.body(ctx);
        JobMode mode = b.hasNonNull("mode") ? JobMode.parse(b.get("mode").asText()) : null;
        Responses.blocking(ctx, 200, () -> JobJson.job(jobs.update(name(ctx), mode, text(b, "cron"), text(b, "timeZone"),
                b.has("params") ? params(b) : null)));
    }

    private void delete(RoutingContext ctx) {
        Responses.blocking(ctx, 204, () -> {
            jobs.delete(name(ctx));
            return null;
        });
    }

    private void runNow(RoutingContext ctx) {
        Responses.blocking(ctx, 201, () -> JobJson.run(jobs.run(name(ctx))));
    }

    private void runs(RoutingContext ctx) {
        int limit = Math.max(1, Math.min(500, intParam(ctx, "limit", 50)));
        Responses.blocking(ctx, 200, () -> jobs.runs(name(ctx), limit).stream().map(JobJson::run).toList());
    }

    private void run(RoutingContext ctx) {
        Responses.blocking(ctx, 200, () -> JobJson.run(jobs.run(name(ctx), ctx.pathParam("run_id"))));
    }

    private void log(RoutingContext ctx) {
        long offset = intParam(ctx, "offset", -1);
        int max = Math.max(1, Math.min(1 << 20, intParam(ctx, "max", 64 * 1024)));
        Responses.blocking(ctx, 200, () -> jobs.log(name(ctx), ctx.pathParam("run_id"), offset, max));
    }

    private void stop(RoutingContext ctx) {
        Responses.blocking(ctx, 200, () -> JobJson.job(jobs.stop(name(ctx))));
    }

    private void pause(RoutingContext ctx) {
        Responses.blocking(ctx, 200, () -> JobJson.job(jobs.pause(name(ctx), true)));
    }

    private void resume(RoutingContext ctx) {
        Responses.blocking(ctx, 200, () -> JobJson.job(jobs.pause(name(ctx), false)));
    }

    private void reexport(RoutingContext ctx) {
        Responses.blocking(ctx, 200, () -> JobJson.job(jobs.reexport(name(ctx))));
    }

    private void revert(RoutingContext ctx) {
        Responses.blocking(ctx, 200, () -> JobJson.job(jobs.revert(name(ctx))));
    }

    private void archiveCheckpoints(RoutingContext ctx) {
        JobManager.StartFrom from = JobManager.StartFrom.parse(text(Responses.body(ctx), "startFrom"));
        Responses.blocking(ctx, 200, () -> JobJson.job(jobs.archiveCheckpoints(name(ctx), from)));
    }

    private void export(RoutingContext ctx) {
        JsonNode b = Responses.body(ctx);
        Responses.blocking(ctx, 201, () -> JobJson.exported(exportService.export(text(b, "notebook"), text(b, "name"))));
    }

    private static String name(RoutingContext ctx) {
        return ctx.pathParam("name");
    }

    private static String text(JsonNode b, String key) {
        JsonNode v = b.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ApiException.BadRequest("'" + key + "' must be a string.");
        }
        return v.asText();
    }

    private static Map<String, String> params(JsonNode b) {
        JsonNode p = b.path("params");
        Map<String, String> out = new LinkedHashMap<>();
        if (p.isMissingNode() || p.isNull()) {
            return out;
        }
        if (!p.isObject()) {
            throw new ApiException.BadRequest("'params' must be an object of parameter names to values.");
        }
        p.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
                : e.getValue().toString()));
        return out;
    }

    private static int intParam(RoutingContext ctx, String name, int fallback) {
        String v = ctx.queryParams().get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ApiException.BadRequest("'" + name + "' must be a whole number, not '" + v + "'.");
        }
    }

    public List<Endpoint> endpoints() {
        String job = "/api/workbench/jobs/{name}";
        return List.of(
                Endpoint.get("/api/workbench/jobs", this::list),
                Endpoint.post("/api/workbench/jobs", this::create),
                Endpoint.get(job, this::get),
                Endpoint.patch(job, this::update),
                Endpoint.delete(job, this::delete),
                Endpoint.post(job + "/runs", this::runNow),
                Endpoint.get(job + "/runs", this::runs),
                Endpoint.get(job + "/runs/{run_id}", this::run),
                Endpoint.get(job + "/runs/{run_id}/log", this::log),
                Endpoint.post(job + "/stop", this::stop),
                Endpoint.post(job + "/pause", this::pause),
                Endpoint.post(job + "/resume", this::resume),
                Endpoint.post(job + "/export", this::reexport),
                Endpoint.post(job + "/revert", this::revert),
                Endpoint.post(job + "/checkpoints/archive", this::archiveCheckpoints),
                Endpoint.post("/api/workbench/exports", this::export));
    }
}
