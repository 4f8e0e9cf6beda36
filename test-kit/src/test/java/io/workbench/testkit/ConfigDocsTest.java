package io.workbench.testkit;

import io.workbench.cluster.ClusterConfig;
import org.junit.jupiter.api.Test;

/** The local cluster's keys are in conf/workbench.example.properties (the cluster module cannot use test-kit). */
class ConfigDocsTest {
    @Test
    void clusterKeysAreDocumented() throws Exception {
        ConfigDocs.assertDocumented(ClusterConfig.KEYS);
    }
}
