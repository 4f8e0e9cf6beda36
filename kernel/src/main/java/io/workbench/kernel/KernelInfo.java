package io.workbench.kernel;

import io.workbench.protocol.Header;
import io.workbench.protocol.messages.KernelInfoReply;
import java.util.List;

/** What kernel_info_reply says about this kernel. */
final class KernelInfo {
    static final String IMPLEMENTATION = "workbench-java";

    private KernelInfo() {
    }

    static KernelInfoReply reply() {
        String version = KernelInfo.class.getPackage().getImplementationVersion();
        return new KernelInfoReply("ok", Header.PROTOCOL_VERSION, IMPLEMENTATION, version == null ? "dev" : version,
                new KernelInfoReply.LanguageInfo("java", Runtime.version().toString(), "text/x-java", ".java", "java",
                        "text/x-java", "script"),
                "Java " + Runtime.version().feature() + " (JShell) with Spark and Kafka: spark, kafka and display(...)"
                        + " are ready.",
                List.of(new KernelInfoReply.HelpLink("Spark SQL guide",
                        "https://spark.apache.org/docs/3.5.7/sql-programming-guide.html"),
                        new KernelInfoReply.HelpLink("Structured Streaming guide",
                                "https://spark.apache.org/docs/3.5.7/structured-streaming-programming-guide.html")),
                false);
    }
}
