package io.bugbridge.tracker;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The one switch between the local tracker and Jira: {@code bugbridge.jira.url} ({@code JIRA_URL})
 * set to a non-blank value. A property condition rather than "missing bean" so that the choice
 * does not depend on the order in which configuration classes are read.
 */
public final class TrackerSelection {

	public static final String JIRA_URL_PROPERTY = "bugbridge.jira.url";

	private TrackerSelection() {
	}

	static boolean jiraConfigured(ConditionContext context) {
		return StringUtils.hasText(context.getEnvironment().getProperty(JIRA_URL_PROPERTY));
	}

	/** Matches when Jira is configured. */
	public static final class JiraConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return jiraConfigured(context);
		}

	}

	/** Matches when no tracker is configured: the local tracker runs. */
	public static final class NoTrackerConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !jiraConfigured(context);
		}

	}

}
