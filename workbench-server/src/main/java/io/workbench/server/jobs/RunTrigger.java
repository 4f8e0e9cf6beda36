package io.workbench.server.jobs;

import java.util.Locale;

/**
 * Why a run started: asked for ({@code manual}), due by the cron schedule ({@code cron}), started again after a
 * failure ({@code restart}), or making up for runs missed while the server was down ({@code catch-up}).
 */
public enum RunTrigger {
    MANUAL, CRON, RESTART, CATCH_UP;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static RunTrigger parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
