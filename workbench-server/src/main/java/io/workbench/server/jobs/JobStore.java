package io.workbench.server.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Job definitions and run history in an embedded H2 database ({@code <jobs dir>/jobs.mv.db}), created on first use
 * and migrated by Flyway from {@code db/jobs/V*.sql}. Everything survives restarts of the server.
 *
 * <p>Thread-safe: each call takes its own connection from H2 (an embedded file database serves them in process).
 * Calls block on disk; call them off event loops.
 */
public final class JobStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
    };

    private final JdbcDataSource db = new JdbcDataSource();

    /**
     * Opens (and creates or migrates) the database in {@code dir}.
     *
     * @throws IllegalStateException when the database cannot be opened, for example because another server holds
     *                               it (H2 locks its file)
     */
    public JobStore(Path dir) {
        db.setURL("jdbc:h2:file:" + dir.toAbsolutePath().resolve("jobs") + ";DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1");
        db.setUser("workbench");
        db.setPassword("");
        try {
            Flyway.configure().dataSource(db).locations("classpath:db/jobs").load().migrate();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot open the jobs database in " + dir + ": " + e.getMessage()
                    + ". Is another workbench server using it?", e);
        }
    }

    public List<JobDefinition> jobs() {
        return query("SELECT * FROM job ORDER BY name", ps -> { }, JobStore::job);
    }

    public Optional<JobDefinition> job(String name) {
        return query("SELECT * FROM job WHERE name = ?", ps -> ps.setString(1, name), JobStore::job).stream().findFirst();
    }

    /** @throws JobException.Conflict when a job of that name exists */
    public void insert(JobDefinition j) {
        try {
            update("INSERT INTO job (name, notebook, mode, cron, time_zone, params, paused, revision, main_class,"
                    + " project_dir, created_at, updated_at, active, starting_offsets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> bind(ps, j));
        } catch (IllegalStateException e) {
            if (job(j.name()).isPresent()) {
                throw new JobException.Conflict("A job named '" + j.name() + "' exists already; choose another name"
                        + " or delete it first.");
            }
            throw e;
        }
    }

    public void save(JobDefinition j) {
        update("UPDATE job SET name = ?, notebook = ?, mode = ?, cron = ?, time_zone = ?, params = ?, paused = ?, revision = ?,"
                + " main_class = ?, project_dir = ?, created_at = ?, updated_at = ?, active = ?, starting_offsets = ? WHERE name = ?",
                ps -> {
                    bind(ps, j);
                    ps.setString(15, j.name());
                });
    }

    /** Deletes the job and its run history. */
    public void delete(String name) {
        update("DELETE FROM job WHERE name = ?", ps -> ps.setString(1, name));
    }

    /** A job's runs, newest first. */
    public List<RunRecord> runs(String job, int limit) {
        return query("SELECT * FROM run WHERE job = ? ORDER BY started_at DESC, id DESC LIMIT ?", ps -> {
            ps.setString(1, job);
            ps.setInt(2, limit);
        }, JobStore::run);
    }

    public Optional<RunRecord> run(String id) {
        return query("SELECT * FROM run WHERE id = ?", ps -> ps.setString(1, id), JobStore::run).stream().findFirst();
    }

    /** Runs of one job that ended with one status and were started by one trigger, and when the last one ended. */
    public record RunCount(String job, RunStatus status, RunTrigger trigger, long runs, Instant lastEnded) {
    }

    /** How many runs each job has had, by status and trigger (for the jobs' metrics). */
    public List<RunCount> runCounts() {
        return query("SELECT job, status, trigger, COUNT(*) AS runs, MAX(ended_at) AS ended_at FROM run"
                + " GROUP BY job, status, trigger", ps -> { }, rs -> new RunCount(rs.getString("job"),
                RunStatus.parse(rs.getString("status")), RunTrigger.parse(rs.getString("trigger")), rs.getLong("runs"),
                instant(rs, "ended_at")));
    }

    /** Every run still marked running, whichever job: what a starting server must find again. */
    public List<RunRecord> running() {
        return query("SELECT * FROM run WHERE status = 'running' ORDER BY started_at", ps -> { }, JobStore::run);
    }

    public void insert(RunRecord r) {
        update("INSERT INTO run (id, job, trigger, attempt, scheduled_for, started_at, ended_at, status, exit_code,"
                + " error, failure, log_path, pid, params, revision, queries, pid_started) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?)", ps -> bind(ps, r));
    }

    public void save(RunRecord r) {
        update("UPDATE run SET id = ?, job = ?, trigger = ?, attempt = ?, scheduled_for = ?, started_at = ?, ended_at = ?,"
                + " status = ?, exit_code = ?, error = ?, failure = ?, log_path = ?, pid = ?, params = ?, revision = ?,"
                + " queries = ?, pid_started = ? WHERE id = ?", ps -> {
                    bind(ps, r);
                    ps.setString(18, r.id());
                });
    }

    private static void bind(PreparedStatement ps, JobDefinition j) throws SQLException {
        ps.setString(1, j.name());
        ps.setString(2, j.notebook());
        ps.setString(3, j.mode().wireName());
        ps.setString(4, j.cron());
        ps.setString(5, j.timeZone());
        ps.setString(6, json(j.params()));
        ps.setBoolean(7, j.paused());
        ps.setString(8, j.revision());
        ps.setString(9, j.mainClass());
        ps.setString(10, j.projectDir());
        ps.setTimestamp(11, Timestamp.from(j.createdAt()));
        ps.setTimestamp(12, Timestamp.from(j.updatedAt()));
        ps.setBoolean(13, j.active());
        ps.setString(14, j.startingOffsets());
    }

    private static void bind(PreparedStatement ps, RunRecord r) throws SQLException {
        ps.setString(1, r.id());
        ps.setString(2, r.job());
        ps.setString(3, r.trigger().wireName());
        ps.setInt(4, r.attempt());
        ps.setTimestamp(5, r.scheduledFor() == null ? null : Timestamp.from(r.scheduledFor()));
        ps.setTimestamp(6, Timestamp.from(r.startedAt()));
        ps.setTimestamp(7, r.endedAt() == null ? null : Timestamp.from(r.endedAt()));
        ps.setString(8, r.status().wireName());
        if (r.exitCode() == null) {
            ps.setNull(9, Types.INTEGER);
        } else {
            ps.setInt(9, r.exitCode());
        }
        ps.setString(10, r.error());
        ps.setString(11, r.failure());
        ps.setString(12, r.log());
        if (r.pid() == null) {
            ps.setNull(13, Types.BIGINT);
        } else {
            ps.setLong(13, r.pid());
        }
        ps.setString(14, json(r.params()));
        ps.setString(15, r.revision());
        ps.setString(16, r.queries());
        ps.setString(17, r.pidStarted());
    }

    private static JobDefinition job(ResultSet rs) throws SQLException {
        return new JobDefinition(rs.getString("name"), rs.getString("notebook"), JobMode.parse(rs.getString("mode")),
                rs.getString("cron"), rs.getString("time_zone"), params(rs.getString("params")), rs.getBoolean("paused"),
                rs.getBoolean("active"), rs.getString("revision"), rs.getString("main_class"), rs.getString("project_dir"),
                rs.getString("starting_offsets"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static RunRecord run(ResultSet rs) throws SQLException {
        int exit = rs.getInt("exit_code");
        Integer exitCode = rs.wasNull() ? null : exit;
        long pid = rs.getLong("pid");
        Long pidOrNull = rs.wasNull() ? null : pid;
        return new RunRecord(rs.getString("id"), rs.getString("job"), RunTrigger.parse(rs.getString("trigger")),
                rs.getInt("attempt"), instant(rs, "scheduled_for"), instant(rs, "started_at"), instant(rs, "ended_at"),
                RunStatus.parse(rs.getString("status")), exitCode, rs.getString("error"), rs.getString("failure"),
                rs.getString("log_path"), pidOrNull, rs.getString("pid_started"), params(rs.getString("params")), rs.getString("revision"),
                rs.getString("queries"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String json(Map<String, String> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> params(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, PARAMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored parameter map is not JSON: " + e.getMessage(), e);
        }
    }

    /** Closes the database (H2 writes everything and releases its file lock). */
    @Override
    public void close() {
        update("SHUTDOWN", ps -> { });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, Row<T> row) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.read(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The jobs database failed: " + e.getMessage(), e);
        }
    }

    private void update(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("The jobs database failed: " + e.getMessage(), e);
        }
    }
}
