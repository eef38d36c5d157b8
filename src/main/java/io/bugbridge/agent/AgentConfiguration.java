package io.bugbridge.agent;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.bugbridge.config.BugBridgeProperties;
import io.bugbridge.security.JwtSecret;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AiProperties.class)
class AgentConfiguration {

	/** This installation's own secrets, by the names they are configured under; redacted by value. */
	static final List<String> SECRET_PROPERTIES = List.of("bugbridge.ai.api-key", "ANTHROPIC_API_KEY", "GITHUB_TOKEN",
			"bugbridge.github.token", "GITHUB_WEBHOOK_SECRET", "bugbridge.github.webhook-secret", "JIRA_API_TOKEN",
			"bugbridge.jira.api-token", "JIRA_WEBHOOK_SECRET", "bugbridge.jira.webhook-secret", "BUGBRIDGE_JWT_SECRET",
			"bugbridge.jwt.secret", "spring.datasource.password", "SPRING_DATASOURCE_PASSWORD", "spring.mail.password",
			"bugbridge.signin.oidc.client-secret", "BUGBRIDGE_NOTIFY_SLACK_WEBHOOK_URL", "bugbridge.notify.slack.webhook-url");

	@Bean
	Redactor redactor(AiProperties properties, Environment environment, BugBridgeProperties bugbridge) {
		Set<String> secrets = new HashSet<>();
		SECRET_PROPERTIES.forEach(name -> {
			String value = environment.getProperty(name);
			if (value != null && !value.isBlank()) {
				secrets.add(value.strip());
			}
		});
		// The generated JWT secret has no property: it is the data directory's file.
		String configuredJwt = environment.getProperty("bugbridge.jwt.secret");
		secrets.add(new String(JwtSecret.resolve(configuredJwt, bugbridge.dataDirectory()).bytes(), StandardCharsets.UTF_8));
		return new Redactor(properties.redactPatterns(), secrets);
	}

	@Bean
	ClaudeAgent claudeAgent(AiProperties properties, Redactor redactor, UsageLedger ledger, MeterRegistry meters) {
		return new ClaudeAgent(properties, redactor, ledger, meters);
	}

	@Bean
	ModelCheck modelCheck(ClaudeAgent agent, Clock clock) {
		return new ModelCheck(agent, clock);
	}

}
