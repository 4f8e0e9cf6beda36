package io.workbench.kernel.io;

import java.util.Optional;

/** Ends the kernel when the process that started it is gone, so killed servers leave no orphan kernels. */
public final class ParentWatch {
    private ParentWatch() {
    }

    /**
     * Watches {@code pid} if given, else this process's parent at start-up. Returns the watched pid.
     * {@code onExit} runs on a JDK thread once the parent has exited.
     */
    public static Optional<Long> watch(Long pid, Runnable onExit) {
        Optional<ProcessHandle> parent = pid != null ? ProcessHandle.of(pid) : ProcessHandle.current().parent();
        if (pid != null && parent.isEmpty()) {
            onExit.run();
            return Optional.of(pid);
        }
        parent.ifPresent(p -> p.onExit().thenRun(onExit));
        return parent.map(ProcessHandle::pid);
    }
}
