package io.workbench.kernel;

import io.workbench.ext.display.Html;
import io.workbench.ext.display.MimeBundle;
import io.workbench.kernel.jshell.Tracebacks;

/**
 * The part of an error that the traceback leaves out (a long message, Spark's query plan, an Avro schema, every
 * stack frame), as an output of its own after the error: collapsed under "Full error" in front ends that show HTML,
 * in full as text elsewhere.
 */
final class ErrorDetails {
    private ErrorDetails() {
    }

    static MimeBundle bundle(String details) {
        long lines = details.lines().count();
        String summary = Tracebacks.DETAILS_TITLE + " (" + lines + (lines == 1 ? " line" : " lines") + ")";
        String html = "<details class=\"wb-error-details\"><summary>" + Html.escape(summary) + "</summary><pre>"
                + Html.escape(details) + "</pre></details>";
        return MimeBundle.builder().put(MimeBundle.HTML, html).put(MimeBundle.TEXT, summary + "\n" + details).build();
    }
}
