package io.workbench.kernel.jshell;

import java.util.List;
import jdk.jshell.JShellException;

/** What running a cell came to. */
public sealed interface CellOutcome {
    /** Remarks for the user that are not errors, such as a method that cannot run yet. */
    List<String> notes();

    /** The cell ran; {@code value} is the final expression's value when {@code hasValue}. */
    record Ok(Object value, boolean hasValue, List<String> notes) implements CellOutcome {
    }

    /** JShell rejected a snippet; nothing after it ran. */
    record CompileError(List<Problem> problems, List<String> notes) implements CellOutcome {
    }

    /**
     * Cell code threw; nothing after the throwing snippet ran. {@code exception} is JShell's account of it, whose
     * stack frames name snippets and their lines; {@code thrown} is the exception object the code threw (its type
     * and fields, such as a Spark analysis error's message without its plan), or null when JShell failed before
     * running any code (an unresolved reference).
     */
    record RuntimeError(JShellException exception, Throwable thrown, String snippetSource, List<String> notes)
            implements CellOutcome {
    }

    /** The cell was interrupted. */
    record Interrupted(List<String> notes) implements CellOutcome {
    }

    /** One compile error, at a 1-based line and column of the cell. */
    record Problem(int line, int column, String message, String sourceLine) {
    }
}
