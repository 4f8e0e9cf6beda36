package io.workbench.jobs.analysis;

import java.util.Map;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's execution engine for analysis only: it accepts the class files JShell compiles and drops them, and
 * "runs" nothing. JShell still compiles every snippet, so it reports errors and infers the types of variables as it
 * does in the kernel, but no snippet class (and so no Spark class) is ever loaded into this JVM, and no remote JVM
 * is started. Every value reads as an empty string.
 */
final class NoExecutionControl implements ExecutionControl {

    /** A provider that hands JShell a new engine. */
    static ExecutionControlProvider provider() {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "workbench-no-execution";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return new NoExecutionControl();
            }
        };
    }

    @Override
    public void load(ClassBytecodes[] classes) {
        // Compiled and checked by JShell; nothing to load.
    }

    @Override
    public void redefine(ClassBytecodes[] classes) {
        // As load.
    }

    @Override
    public String invoke(String className, String methodName) {
        return "";
    }

    @Override
    public String varValue(String className, String varName) {
        return "";
    }

    /** JShell's compiler gets the class path from {@code JShell.addToClasspath}; the engine needs none. */
    @Override
    public void addToClasspath(String path) {
    }

    @Override
    public void stop() {
    }

    @Override
    public Object extensionCommand(String command, Object arg) throws NotImplementedException {
        throw new NotImplementedException("no extension commands: " + command);
    }

    @Override
    public void close() {
    }
}
