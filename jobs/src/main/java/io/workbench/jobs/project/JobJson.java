package io.workbench.jobs.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.jobs.CellReport;
import io.workbench.jobs.JobParameter;

/**
 * The exported project's job.json, the report for programs (the server, the UI): notebook, revision, exportedAt,
 * workbenchVersion, job, mainClass, parameters ({@code name, type, default} (the literal, or null when the default is
 * an expression), {@code defaultCode, doc}) and cells ({@code id, kept, disposition, reason}).
 */
final class JobJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JobJson() {
    }

    static String render(ExportedJob job) {
        ObjectNode root = JSON.createObjectNode();
        root.put("notebook", job.notebook());
        root.put("revision", job.revision());
        root.put("exportedAt", job.exportedAt().toString());
        root.put("workbenchVersion", job.workbenchVersion());
        root.put("job", job.names().job());
        root.put("mainClass", job.mainClass());
        ArrayNode params = root.putArray("parameters");
        for (JobParameter p : job.parameters()) {
            ObjectNode n = params.addObject().put("name", p.name()).put("type", p.type());
            n.set("default", JSON.valueToTree(p.literal()));
            n.put("defaultCode", p.defaultCode()).put("doc", p.doc());
        }
        ArrayNode cells = root.putArray("cells");
        for (CellReport c : job.cells()) {
            cells.addObject().put("id", c.cellId()).put("kept", c.kept())
                    .put("disposition", ReportFile.disposition(c.disposition())).put("reason", c.reason());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
