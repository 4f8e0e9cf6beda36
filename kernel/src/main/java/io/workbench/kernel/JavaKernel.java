package io.workbench.kernel;

import io.workbench.ext.runtime.CellRun;
import io.workbench.ext.runtime.NotebookRuntime;
import io.workbench.ext.display.MimeBundle;
import io.workbench.kernel.io.CellStreams;
import io.workbench.kernel.io.IdleTrim;
import io.workbench.kernel.jshell.CellEvaluator;
import io.workbench.kernel.jshell.CellOutcome;
import io.workbench.kernel.jshell.CellThreads;
import io.workbench.kernel.jshell.CodeAnalysis;
import io.workbench.kernel.jshell.Tracebacks;
import io.workbench.protocol.Header;
import io.workbench.protocol.Message;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.kernel.AfterReply;
import io.workbench.protocol.kernel.KernelServer;
import io.workbench.protocol.messages.CompleteReply;
import io.workbench.protocol.messages.CompleteRequest;
import io.workbench.protocol.messages.DisplayData;
import io.workbench.protocol.messages.ErrorContent;
import io.workbench.protocol.messages.ExecuteInput;
import io.workbench.protocol.messages.ExecuteReply;
import io.workbench.protocol.messages.ExecuteRequest;
import io.workbench.protocol.messages.ExecuteResult;
import io.workbench.protocol.messages.HistoryReply;
import io.workbench.protocol.messages.InspectReply;
import io.workbench.protocol.messages.InspectRequest;
import io.workbench.protocol.messages.InterruptReply;
import io.workbench.protocol.messages.IsCompleteReply;
import io.workbench.protocol.messages.IsCompleteRequest;
import io.workbench.protocol.messages.KernelInfoReply;
import io.workbench.protocol.messages.ShutdownReply;
import io.workbench.protocol.messages.ShutdownRequest;
import io.workbench.protocol.workbench.WorkbenchMessages;
import io.workbench.protocol.workbench.WorkbenchMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java kernel's request handlers, registered as a dispatch table on the kernel server. Shell requests
 * run one at a time on the shell thread; interrupt and shutdown come in on the control thread.
 */
final class JavaKernel {
    private static final Logger LOG = LoggerFactory.getLogger(JavaKernel.class);
    private static final Duration SPARK_START_TIMEOUT = Duration.ofMinutes(3);

    private final KernelServer server;
    private final CellEvaluator evaluator;
    private final CodeAnalysis analysis;
    private final NotebookRuntime runtime;
    private final CellStreams streams;
    private final Tracebacks tracebacks;
    private final CommManager comms;
    private final IdleTrim idleTrim;
    private final Runnable exit;
    private final AtomicInteger executionCount = new AtomicInteger();
    private volatile CellRun runningCell;
    private final StreamsControl streamsControl;
    private boolean runtimeChecked;

    JavaKernel(KernelServer server, CellEvaluator evaluator, NotebookRuntime runtime, CellStreams streams,
               IdleTrim idleTrim, Runnable exit) {
        this.server = server;
        this.idleTrim = idleTrim;
        this.evaluator = evaluator;
        this.analysis = new CodeAnalysis(evaluator.analysis());
        this.runtime = runtime;
        this.streams = streams;
        this.exit = exit;
        this.tracebacks = new Tracebacks(evaluator.origins(), Runtime.getRuntime().maxMemory());
        this.streamsControl = new StreamsControl(runtime);
        this.comms = new CommManager(server);
    }

    void register() {
        server.onShell(MessageType.KERNEL_INFO_REQUEST, (m, c) -> KernelInfo.reply())
                .onShell(MessageType.EXECUTE_REQUEST, this::execute)
                .onShell(MessageType.COMPLETE_REQUEST, this::complete)
                .onShell(MessageType.INSPECT_REQUEST, this::inspect)
                .onShell(MessageType.IS_COMPLETE_REQUEST, this::isComplete)
                .onShell(MessageType.HISTORY_REQUEST, (m, c) -> new HistoryReply("ok", List.of()))
                .onShell(MessageType.COMM_INFO_REQUEST, comms::info)
                .onShell(MessageType.COMM_OPEN, comms::open)
                .onShell(MessageType.COMM_MSG, comms::message)
                .onShell(MessageType.COMM_CLOSE, comms::close)
                .onControl(MessageType.KERNEL_INFO_REQUEST, (m, c) -> KernelInfo.reply())
                .onControl(MessageType.INTERRUPT_REQUEST, (m, c) -> interrupt())
                .onControl(MessageType.SHUTDOWN_REQUEST, this::shutdown)
                .onControl(WorkbenchMessages.STREAMS_STATE_REQUEST, (m, c) -> streamsControl.state())
                .onControl(WorkbenchMessages.STREAM_ACTION_REQUEST, (m, c) -> streamsControl.act(c))
                .onShell(MessageType.SHUTDOWN_REQUEST, this::shutdown);
    }

    private ExecuteReply execute(Message request, ExecuteRequest req) {
        idleTrim.cellStarted();
        int count = req.storesHistory() ? executionCount.incrementAndGet() : executionCount.get();
        Header parent = request.header();
        streams.beginRequest(parent);
        if (!req.silent()) {
            server.publish(MessageType.EXECUTE_INPUT, new ExecuteInput(req.code(), count), parent);
        }
        String executionId = count + "-" + parent.msgId();
        evaluator.newCell();
        String notebook = WorkbenchMetadata.notebookPath(request.metadata());
        // Stops what this notebook cell started when it last ran, before it runs again.
        CellRun run = runtime.openCell(WorkbenchMetadata.cellId(request.metadata()), executionId,
                notebook != null ? notebook : System.getenv("JPY_SESSION_NAME"));
        runningCell = run;
        evaluator.threads().hooks(new CellThreads.Hooks() {
            @Override
            public void before() {
                run.codeStarted(req.code());
            }

            @Override
            public void after() {
                run.codeFinished();
            }
        });
        try {
            // Inside the cell's run, so the background Spark warm-up steps aside for it from the start.
            awaitRuntimeOnce();
            CellOutcome outcome = evaluator.execute(req.code(), "[" + count + "]");
            notes(outcome);
            ErrorContent error;
            String details = null;
            if (outcome instanceof CellOutcome.Ok ok) {
                error = ok.hasValue() && NotebookRuntime.isResult(ok.value()) ? publishResult(ok.value(), count, req.silent(), parent) : null;
            } else if (outcome instanceof CellOutcome.CompileError ce) {
                error = tracebacks.compileError(ce.problems());
            } else if (outcome instanceof CellOutcome.RuntimeError re) {
                error = tracebacks.runtimeError(re.exception(), re.thrown());
                details = tracebacks.details(re.exception(), re.thrown());
                run.failed(re.thrown() != null ? re.thrown() : re.exception());
            } else {
                error = tracebacks.interrupted();
            }
            streams.flush();
            if (error == null) {
                return ExecuteReply.ok(count);
            }
            server.publish(MessageType.ERROR, error, parent);
            if (details != null) {
                MimeBundle full = ErrorDetails.bundle(details);
                server.publish(MessageType.DISPLAY_DATA, DisplayData.of(full.data(), full.metadata(), null), parent);
            }
            return ExecuteReply.error(count, error);
        } finally {
            runningCell = null;
            run.close();
            streams.endRequest();
            idleTrim.cellFinished();
        }
    }

    /** Renders the cell's value on a cell thread (a Dataset runs a Spark job) and publishes it. */
    private ErrorContent publishResult(Object value, int count, boolean silent, Header parent) {
        MimeBundle bundle;
        try {
            bundle = (MimeBundle) evaluator.runInCell(() -> runtime.render(value));
        } catch (CellThreads.StoppedException e) {
            return tracebacks.interrupted();
        } catch (Exception | Error e) {
            return tracebacks.runtimeError(e);
        }
        streams.flush();
        if (!silent) {
            server.publish(MessageType.EXECUTE_RESULT, new ExecuteResult(count, bundle.data(), bundle.metadata()), parent);
        }
        return null;
    }

    private void notes(CellOutcome outcome) {
        for (String note : outcome.notes()) {
            streams.write("stderr", "Note: " + note + "\n");
        }
    }

    /**
     * Holds the first cell until Spark is up, so that {@code spark} is never null by accident; the cell shows that
     * it waits, and for what.
     */
    private void awaitRuntimeOnce() {
        if (runtimeChecked) {
            return;
        }
        runtimeChecked = true;
        try {
            runtime.awaitReadyInCell(SPARK_START_TIMEOUT);
        } catch (IllegalStateException e) {
            streams.write("stderr", e.getMessage() + "\n");
        } catch (TimeoutException e) {
            streams.write("stderr", "Spark is still starting after " + SPARK_START_TIMEOUT.toMinutes()
                    + " minutes; spark stays null until it is up.\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CompleteReply complete(Message request, CompleteRequest req) {
        CodeAnalysis.Completions c = analysis.complete(req.code(), req.cursorPos());
        return new CompleteReply("ok", c.matches(), c.start(), c.end(), Map.of());
    }

    private InspectReply inspect(Message request, InspectRequest req) {
        String doc = analysis.inspect(req.code(), req.cursorPos());
        return doc.isEmpty() ? new InspectReply("ok", false, Map.of(), Map.of())
                : new InspectReply("ok", true, Map.of(MimeBundle.TEXT, doc), Map.of());
    }

    private IsCompleteReply isComplete(Message request, IsCompleteRequest req) {
        String status = analysis.completeness(req.code());
        return new IsCompleteReply(status, "incomplete".equals(status) ? "    " : null);
    }

    private InterruptReply interrupt() {
        CellRun cell = runningCell;
        if (cell != null) {
            LOG.info("Interrupting the running cell");
            cell.cancel();
            evaluator.interrupt();
        }
        return new InterruptReply("ok");
    }

    private AfterReply shutdown(Message request, ShutdownRequest req) {
        LOG.info("Shutdown requested (restart={})", req.restart());
        return new AfterReply(new ShutdownReply("ok", req.restart()), exit);
    }
}
