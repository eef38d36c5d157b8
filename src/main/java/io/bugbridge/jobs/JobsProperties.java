package io.bugbridge.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The background job runner.
 *
 * @param enabled run jobs on this node; a node with it off still schedules jobs for others
 * @param threads jobs run at once on this node
 * @param pollingInterval how often the node looks for due jobs in the database
 * @param heartbeatInterval how often a node marks the jobs it runs as alive; a job whose node missed
 * six heartbeats (the node died) is run again by another node
 * @param shutdownMaxWait how long a node that is stopped waits for its running jobs; those still
 * running then are taken over by another node after the missed heartbeats
 */
@ConfigurationProperties("bugbridge.jobs")
public record JobsProperties(@DefaultValue("true") boolean enabled, @DefaultValue("4") int threads,
		@DefaultValue("5s") Duration pollingInterval, @DefaultValue("30s") Duration heartbeatInterval,
		@DefaultValue("30m") Duration shutdownMaxWait) {
}
