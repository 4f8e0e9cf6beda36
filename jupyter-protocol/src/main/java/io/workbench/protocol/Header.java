package io.workbench.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** A message header, as the Jupyter messaging spec defines it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Header(String msgId, String session, String username, String date, String msgType, String version) {
    public static final String PROTOCOL_VERSION = "5.3";

    public static Header create(String msgType, String session, String username) {
        return new Header(UUID.randomUUID().toString(), session, username, Instant.now().toString(), msgType,
                PROTOCOL_VERSION);
    }
}
