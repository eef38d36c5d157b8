package io.bugbridge.search;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin console's ticket search index.
 *
 * @param directory where the Lucene index lives; default {@code <data dir>/index/tickets}. Each node
 * needs its own.
 * @param pollInterval how often the node checks the change feed for writes made by other nodes
 */
@ConfigurationProperties("bugbridge.search")
public record SearchProperties(Path directory, @DefaultValue("1s") Duration pollInterval) {
}
