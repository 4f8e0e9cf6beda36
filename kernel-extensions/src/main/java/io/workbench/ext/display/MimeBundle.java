package io.workbench.ext.display;

import java.util.LinkedHashMap;
import java.util.Map;

/** The MIME bundle of one output: data by MIME type, and metadata. Immutable. */
public record MimeBundle(Map<String, Object> data, Map<String, Object> metadata) {
    public static final String TEXT = "text/plain";
    public static final String HTML = "text/html";
    public static final String PNG = "image/png";
    /** Rows and schema of a table, for the workbench's own front end. */
    public static final String TABLE_JSON = "application/vnd.workbench.table+json";

    public MimeBundle {
        // Insertion order matters: front ends pick the first representation they can show.
        data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }

    public static MimeBundle text(String text) {
        return new MimeBundle(Map.of(TEXT, text), Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    public String textPlain() {
        Object t = data.get(TEXT);
        return t == null ? null : t.toString();
    }

    /** Keeps insertion order, so the richest representation comes first. */
    public static final class Builder {
        private final Map<String, Object> data = new LinkedHashMap<>();
        private final Map<String, Object> metadata = new LinkedHashMap<>();

        public Builder put(String mimeType, Object value) {
            data.put(mimeType, value);
            return this;
        }

        public Builder meta(String key, Object value) {
            metadata.put(key, value);
            return this;
        }

        public MimeBundle build() {
            return new MimeBundle(data, metadata);
        }
    }
}
