package io.workbench.protocol.messages;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Content of display_data and update_display_data; the transient part holds the display_id. */
public record DisplayData(Map<String, Object> data, Map<String, Object> metadata,
                          @JsonProperty("transient") Map<String, Object> transientData) {
    public static DisplayData of(Map<String, Object> data, Map<String, Object> metadata, String displayId) {
        return new DisplayData(data, metadata == null ? Map.of() : metadata,
                displayId == null ? Map.of() : Map.of("display_id", displayId));
    }
}
