package io.workbench.process;

import java.util.Optional;

/**
 * The child's half of orphan prevention: a process started by {@link ChildProcess} ends when the process that
 * started it is gone (killed with -9 included), so a dead server or kernel leaves no orphan JVMs behind.
 */
public final class ParentWatch {
    /** The environment variable through which {@link ChildProcess} tells a child its parent's pid. */
    public static final String PARENT_PID_ENV = "WORKBENCH_PARENT_PID";

    private ParentWatch() {
    }

    /**
     * Watches {@code pid} if given, else the pid in {@value #PARENT_PID_ENV}, else this process's parent at start-up.
     * {@code onExit} runs on a JDK thread once that process has exited (at once if it is already gone).
     *
     * @return the watched pid, if there is one
     */
    public static Optional<Long> watch(Long pid, Runnable onExit) {
        Long wanted = pid != null ? pid : envPid();
        Optional<ProcessHandle> parent = wanted != null ? ProcessHandle.of(wanted) : ProcessHandle.current().parent();
        if (wanted != null && parent.isEmpty()) {
            onExit.run();
            return Optional.of(wanted);
        }
        parent.ifPresent(p -> p.onExit().thenRun(onExit));
        return parent.map(ProcessHandle::pid);
    }

    private static Long envPid() {
        String v = System.getenv(PARENT_PID_ENV);
        return v != null && v.matches("\\d+") ? Long.parseLong(v) : null;
    }
}
