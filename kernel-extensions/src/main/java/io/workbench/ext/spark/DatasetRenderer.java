package io.workbench.ext.spark;

import io.workbench.ext.display.MimeBundle;
import io.workbench.ext.display.RenderOptions;
import io.workbench.ext.display.Renderer;
import io.workbench.ext.display.Table;
import io.workbench.ext.display.TableRenderer;
import io.workbench.ext.display.Times;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.StructField;

/**
 * Shows a batch Dataset as a table of its first rows with the schema. Values are formatted by Spark itself
 * (cast to string in the session time zone, which the column types name), so they read exactly as {@code show()}
 * prints them; binary columns show as hex. A streaming Dataset is described, not run.
 */
public final class DatasetRenderer implements Renderer {

    @Override
    public boolean supports(Object value) {
        return value instanceof Dataset<?>;
    }

    @Override
    public MimeBundle render(Object value, RenderOptions options) {
        Dataset<Row> df = ((Dataset<?>) value).toDF();
        if (df.isStreaming()) {
            return MimeBundle.text("Streaming Dataset " + df.schema().simpleString()
                    + "\nStart it with writeStream()...start(); display(query) shows its results live.");
        }
        StructField[] fields = df.schema().fields();
        List<Column> shown = new ArrayList<>();
        for (StructField f : fields) {
            Column c = functions.col("`" + f.name().replace("`", "``") + "`");
            shown.add(f.dataType() instanceof BinaryType
                    ? functions.concat(functions.lit("0x"), functions.hex(c))
                    : c.cast("string"));
        }
        List<Row> rows = df.select(shown.toArray(Column[]::new)).limit(options.maxRows() + 1).collectAsList();
        Table.Builder table = Table.builder(null);
        java.time.ZoneId zone = Times.zone(df.sparkSession().conf().get("spark.sql.session.timeZone", "UTC"));
        for (StructField f : fields) {
            table.column(f.name(), Times.columnType(f.dataType().simpleString(), zone));
        }
        for (Row r : rows.subList(0, Math.min(rows.size(), options.maxRows()))) {
            Object[] values = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                values[i] = r.isNullAt(i) ? null : r.getString(i);
            }
            table.row(values);
        }
        table.truncated(rows.size() > options.maxRows());
        return TableRenderer.render(table.build(), options);
    }
}
