package io.workbench.protocol.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.workbench.protocol.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A kernelspec's kernel.json: how to launch a kernel. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KernelSpecFile(List<String> argv, String displayName, String language, String interruptMode,
                             Map<String, String> env, Map<String, Object> metadata) {

    public static KernelSpecFile read(Path kernelJson) throws IOException {
        KernelSpecFile spec = Json.MAPPER.readValue(kernelJson.toFile(), KernelSpecFile.class);
        if (spec.argv() == null || spec.argv().isEmpty()) {
            throw new IOException(kernelJson + " has no argv");
        }
        return spec;
    }

    /** The command line with {@code {connection_file}} replaced. */
    public List<String> command(Path connectionFile) {
        return argv.stream().map(a -> a.replace("{connection_file}", connectionFile.toString())).toList();
    }

    public boolean interruptsByMessage() {
        return "message".equals(interruptMode);
    }
}
