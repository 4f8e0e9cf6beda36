package io.workbench.server;

import io.workbench.broker.BrokerConfig;
import io.workbench.server.launcher.JupyterConfig;
import io.workbench.testkit.ConfigDocs;
import org.junit.jupiter.api.Test;

/** Every key the server, the broker lifecycle and the Jupyter launcher read is in conf/workbench.example.properties. */
class ConfigDocsTest {
    @Test
    void everyKeyIsDocumented() throws Exception {
        ConfigDocs.assertDocumented(ServerConfig.KEYS);
        ConfigDocs.assertDocumented(io.workbench.config.MetricsKeys.KEYS);
        ConfigDocs.assertDocumented(JupyterConfig.KEYS);
        ConfigDocs.assertDocumented(BrokerConfig.KEYS);
        ConfigDocs.assertDocumented(io.workbench.server.jobs.JobsConfig.KEYS);
    }
}
