/** Live views: display(streamingDataset) and the status lines of queries, updated per micro-batch by display id. */
package io.workbench.ext.live;
