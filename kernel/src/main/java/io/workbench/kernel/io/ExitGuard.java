package io.workbench.kernel.io;

import java.security.Permission;

/**
 * Blocks System.exit and Runtime.halt from cell code, which in local execution would kill the kernel
 * silently. Every other permission is granted. Only the kernel's own shutdown lifts the guard.
 *
 * <p>Uses the SecurityManager, deprecated for removal after JDK 17 but working on it; the kernel runs with
 * {@code -Djava.security.manager=allow}.
 */
@SuppressWarnings("removal")
public final class ExitGuard extends SecurityManager {
    private static volatile boolean exitAllowed;

    private ExitGuard() {
    }

    public static void install() {
        System.setSecurityManager(new ExitGuard());
    }

    /** Lets the kernel itself exit. */
    public static void allowExit() {
        exitAllowed = true;
    }

    @Override
    public void checkExit(int status) {
        if (!exitAllowed) {
            throw new SecurityException("System.exit(" + status + ") is blocked in a notebook: it would stop the"
                    + " kernel and lose its state. Throw an exception to end a cell; use Restart in the notebook"
                    + " to start the kernel over.");
        }
    }

    @Override
    public void checkPermission(Permission perm) {
        // everything else is allowed: the guard exists only for exits
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        // everything else is allowed
    }
}
