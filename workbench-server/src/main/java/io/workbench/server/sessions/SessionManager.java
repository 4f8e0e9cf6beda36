package io.workbench.server.sessions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.workbench.server.contents.ContentsPaths;
import io.workbench.server.contents.NotebookStore;
import io.workbench.server.http.ApiException;
import io.workbench.server.kernels.KernelManager;
import io.workbench.server.kernels.ManagedKernel;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notebook path to kernel, as Jupyter's sessions API has it. Opening a notebook that already has a session
 * returns that session, so two tabs share one kernel. Each session keeps its cells' outputs.
 */
public final class SessionManager {
    /** One session: a notebook path bound to a kernel. */
    public record Session(String id, String path, String name, String type, ManagedKernel kernel, OutputKeeper keeper) {
    }

    private final Vertx vertx;
    private final KernelManager kernels;
    private final NotebookStore store;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public SessionManager(Vertx vertx, KernelManager kernels, NotebookStore store) {
        this.vertx = vertx;
        this.kernels = kernels;
        this.store = store;
    }

    public Collection<Session> list() {
        sessions.values().removeIf(s -> !kernelExists(s.kernel()));
        return List.copyOf(sessions.values());
    }

    public Session get(String id) {
        Session s = sessions.get(id);
        if (s == null || !kernelExists(s.kernel())) {
            sessions.remove(id);
            throw new ApiException.NotFound("No session " + id + ".");
        }
        return s;
    }

    /** Returns the session of {@code path}, or starts one with a new kernel (or the given running kernel). */
    public Future<Session> create(String path, String name, String type, String kernelName, String kernelId) {
        String p = ContentsPaths.normalize(path);
        for (Session s : list()) {
            if (s.path().equals(p)) {
                return Future.succeededFuture(s);
            }
        }
        Future<ManagedKernel> kernel = kernelId != null ? Future.succeededFuture(kernels.get(kernelId))
                : kernels.start(kernelName);
        return kernel.map(k -> {
            OutputKeeper keeper = new OutputKeeper(k, store, p, this::onWorker);
            k.observe(keeper);
            Session s = new Session(UUID.randomUUID().toString(), p, name == null ? p : name,
                    type == null ? "notebook" : type, k, keeper);
            sessions.put(s.id(), s);
            return s;
        });
    }

    /** Renames the session's path, or moves it to another running kernel. */
    public Session update(String id, String path, String name, String kernelId) {
        Session s = get(id);
        String p = path == null ? s.path() : ContentsPaths.normalize(path);
        ManagedKernel k = kernelId == null ? s.kernel() : kernels.get(kernelId);
        OutputKeeper keeper = s.keeper();
        if (k != s.kernel()) {
            s.kernel().unobserve(keeper);
            keeper = new OutputKeeper(k, store, p, this::onWorker);
            k.observe(keeper);
        }
        keeper.path(p);
        Session updated = new Session(s.id(), p, name == null ? s.name() : name, s.type(), k, keeper);
        sessions.put(id, updated);
        return updated;
    }

    /** Ends the session and shuts its kernel down. */
    public Future<Void> delete(String id) {
        Session s = get(id);
        sessions.remove(id);
        s.kernel().unobserve(s.keeper());
        return kernels.shutdown(s.kernel().id()).recover(e -> Future.succeededFuture());
    }

    public ObjectNode model(Session s) {
        ObjectNode m = io.workbench.server.http.Responses.MAPPER.createObjectNode();
        m.put("id", s.id()).put("path", s.path()).put("name", s.name()).put("type", s.type());
        m.set("kernel", s.kernel().model());
        m.putObject("notebook").put("path", s.path()).put("name", s.name());
        return m;
    }

    private boolean kernelExists(ManagedKernel k) {
        return kernels.list().contains(k);
    }

    private void onWorker(Runnable r) {
        vertx.executeBlocking(() -> {
            r.run();
            return null;
        }, false);
    }
}
