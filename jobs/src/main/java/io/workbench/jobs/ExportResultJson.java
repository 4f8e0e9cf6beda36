package io.workbench.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * An {@link ExportResult} as one line of JSON, for the server that runs {@link ExportMain} with {@code --json}:
 * {@code ok, project, job, mainClass, revision, parameters[], cells[{id, heading, disposition, kept, notes}],
 * errors[{cellId, line, message}]}.
 */
final class ExportResultJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExportResultJson() {
    }

    static String render(ExportResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("ok", r.ok());
        root.put("project", r.project() == null ? null : r.project().toString());
        root.put("job", r.jobName());
        root.put("mainClass", r.mainClass());
        root.put("revision", r.revision());
        ArrayNode params = root.putArray("parameters");
        for (JobParameter p : r.parameters()) {
            ObjectNode n = params.addObject().put("name", p.name()).put("type", p.type());
            n.set("default", JSON.valueToTree(p.literal()));
            n.put("defaultCode", p.defaultCode()).put("doc", p.doc());
        }
        ArrayNode cells = root.putArray("cells");
        for (CellReport c : r.cells()) {
            ObjectNode n = cells.addObject().put("id", c.cellId()).put("heading", c.heading())
                    .put("disposition", c.disposition().name().toLowerCase(Locale.ROOT)).put("kept", c.kept());
            c.notes().forEach(n.putArray("notes")::add);
        }
        ArrayNode errors = root.putArray("errors");
        for (ExportProblem p : r.errors()) {
            errors.addObject().put("cellId", p.cellId()).put("line", p.line()).put("message", p.message());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
