package io.workbench.ext.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import io.workbench.ext.query.ResultMode;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveTableTest {
    private static final StructType WINDOW = new StructType().add("start", DataTypes.TimestampType)
            .add("end", DataTypes.TimestampType);
    private static final StructType SCHEMA = new StructType().add("window", WINDOW).add("category", DataTypes.StringType)
            .add("orders", DataTypes.LongType).add("sales", DataTypes.DoubleType);

    private static Row row(int minute, String category, long orders, double sales) {
        Row w = new GenericRowWithSchema(new Object[] {new Timestamp(minute * 60_000L), new Timestamp((minute + 1) * 60_000L)},
                WINDOW);
        return new GenericRowWithSchema(new Object[] {w, category, orders, sales}, SCHEMA);
    }

    private static LiveTable table() {
        return new LiveTable(SCHEMA, ResultMode.Rows.BY_KEY, new int[] {0, 1});
    }

    @Test
    void anUpdatedKeyReplacesItsRow() {
        LiveTable t = table();
        t.merge(List.of(row(0, "books", 1, 10), row(0, "toys", 2, 5)));
        t.merge(List.of(row(0, "books", 3, 30), row(1, "books", 1, 7)));
        List<List<Object>> rows = t.snapshot();
        assertEquals(3, rows.size(), rows.toString());
        assertEquals(3L, rows.stream().filter(r -> r.get(1).equals("books") && r.get(0).toString().contains("00:00:00"))
                .findFirst().orElseThrow().get(2));
        assertEquals(4, t.updates());
    }

    @Test
    void aSavedTableComesBackAndKeepsUpdatingByKey(@TempDir Path dir) throws Exception {
        LiveTable before = table();
        before.merge(List.of(row(0, "books", 1, 10.5), row(1, "toys", 2, 5)));
        Path file = dir.resolve("q.view.json");
        before.save(file);

        LiveTable after = table();
        assertTrue(after.load(file));
        assertEquals(before.snapshot(), after.snapshot(), "the same rows, with the same value types");
        after.merge(List.of(row(0, "books", 2, 20)));
        assertEquals(2, after.snapshot().size(), "the resumed query's update replaced the restored row");
        assertFalse(Files.exists(dir.resolve("q.view.json.tmp")));

        LiveTable other = new LiveTable(new StructType().add("event_type", DataTypes.StringType)
                .add("count", DataTypes.LongType), ResultMode.Rows.BY_KEY, new int[] {0});
        assertFalse(other.load(file), "a snapshot of other columns is not loaded");
        assertTrue(other.snapshot().isEmpty());
    }

    @Test
    void aWholeResultReplacesEverythingAndKeepsSparksOrder() {
        LiveTable t = new LiveTable(SCHEMA, ResultMode.Rows.WHOLE, new int[0]);
        t.merge(List.of(row(0, "books", 5, 10), row(0, "toys", 2, 5)));
        t.merge(List.of(row(0, "toys", 9, 5), row(1, "books", 7, 7)));
        List<List<Object>> rows = t.snapshot();
        assertEquals(List.of("toys", "books"), rows.stream().map(r -> r.get(1)).toList(), "only the last batch, in order");
        assertTrue(t.keyNames().isEmpty());
    }

    @Test
    void appendedRowsAreKeptNewestFirstAndNeverMerged() {
        LiveTable t = new LiveTable(SCHEMA, ResultMode.Rows.APPENDED, new int[] {0, 1});
        t.merge(List.of(row(0, "books", 1, 10)));
        t.merge(List.of(row(0, "books", 2, 20)));
        assertEquals(2, t.snapshot().size(), "the same key twice is two appended rows");
        assertFalse(t.keyed(), "a key is only used for rows by key");
    }
}
