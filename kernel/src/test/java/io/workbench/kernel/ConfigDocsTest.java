package io.workbench.kernel;

import io.workbench.ext.jjava.JJavaInstaller;
import io.workbench.ext.spark.SparkConfig;
import io.workbench.ext.query.Checkpoints;
import io.workbench.kernel.io.CellStreams;
import io.workbench.testkit.ConfigDocs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every key a kernel reads is in conf/workbench.example.properties. */
class ConfigDocsTest {
    @Test
    void everyKeyIsDocumented() throws Exception {
        ConfigDocs.assertDocumented(List.of(Kernelspec.HEAP, CellStreams.MAX_OUTPUT_BYTES,
                io.workbench.kernel.io.IdleTrim.DELAY));
        ConfigDocs.assertDocumented(SparkConfig.KEYS);
        ConfigDocs.assertDocumented(List.of(JJavaInstaller.SPARK_START_TIMEOUT));
        ConfigDocs.assertDocumented(List.of(Checkpoints.ROOT, io.workbench.ext.kafka.KafkaTools.STARTING_OFFSETS));
    }
}
