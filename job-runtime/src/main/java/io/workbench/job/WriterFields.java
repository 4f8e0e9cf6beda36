package io.workbench.job;

import java.lang.reflect.Field;
import org.apache.spark.sql.catalyst.util.CaseInsensitiveMap;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.Trigger;
import scala.Option;

/**
 * What a job's code told a {@link DataStreamWriter} before handing it to {@code job.start}: its trigger, query name
 * and checkpoint location. Spark 3.5 has no getters for them, so they are read from the writer's private fields
 * {@code trigger} and {@code extraOptions} (checked against spark-sql 3.5.7 by {@code WriterFieldsTest}). When those
 * fields cannot be read (another Spark version), {@link #known} is false and the caller says so in the log.
 *
 * @param known              whether the fields could be read
 * @param trigger            the trigger the code set, or null when it set none (Spark's default,
 *                           {@code ProcessingTime(0)}, counts as none)
 * @param queryName          the {@code queryName(...)}, or null
 * @param checkpointLocation the {@code checkpointLocation} option, or null
 */
record WriterFields(boolean known, Trigger trigger, String queryName, String checkpointLocation) {
    private static final Trigger SPARK_DEFAULT = Trigger.ProcessingTime(0L);

    /** Reads a writer's fields; never throws. */
    static WriterFields of(DataStreamWriter<?> writer) {
        try {
            Trigger t = (Trigger) field("trigger").get(writer);
            CaseInsensitiveMap<?> options = (CaseInsensitiveMap<?>) field("extraOptions").get(writer);
            return new WriterFields(true, SPARK_DEFAULT.equals(t) ? null : t, option(options, "queryName"),
                    option(options, "checkpointLocation"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new WriterFields(false, null, null, null);
        }
    }

    private static Field field(String name) throws NoSuchFieldException {
        Field f = DataStreamWriter.class.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static String option(CaseInsensitiveMap<?> options, String key) {
        Option<?> v = options.get(key);
        return v.isDefined() ? String.valueOf(v.get()) : null;
    }
}
