package io.workbench.job;

import io.workbench.ext.display.DisplaySink;
import io.workbench.ext.display.MimeBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Display output of a job: there is no notebook to show it in, so each display goes to the job's log as its
 * {@code text/plain} rendering. Updates of a display (a query's status line after every micro-batch) are logged
 * at debug level only, so the log is not flooded; the status file carries the progress. Thread-safe.
 */
final class LogDisplaySink implements DisplaySink {
    private static final Logger LOG = LoggerFactory.getLogger("io.workbench.job.display");

    @Override
    public void display(MimeBundle bundle, String displayId) {
        LOG.info("{}", text(bundle));
    }

    @Override
    public void update(MimeBundle bundle, String displayId) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("update: {}", text(bundle));
        }
    }

    @Override
    public void clear(boolean wait) {
        // Nothing was shown, so there is nothing to clear.
    }

    private static String text(MimeBundle bundle) {
        String t = bundle.textPlain();
        return t == null ? "(no text rendering: " + bundle.data().keySet() + ")" : t;
    }
}
