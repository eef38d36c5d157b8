package io.bugbridge.fix.github;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * The client exists even while GitHub is not configured, so {@code doctor} can say what is
 * missing ({@link GitHubProperties#missing()}); it makes no call until asked.
 */
@Configuration(proxyBeanMethods = false)
class GitHubConfiguration {

	@Bean
	GitHubClient gitHubClient(GitHubProperties properties, ObjectProvider<RestClient.Builder> builder) {
		// The project has no spring-boot-restclient starter, hence no shared builder bean by default.
		return new GitHubClient(properties, builder.getIfAvailable(RestClient::builder));
	}

	@Bean
	GitHubDeliveries gitHubDeliveries(JdbcClient jdbc, Clock clock) {
		return new GitHubDeliveries(jdbc, clock);
	}

	@Bean
	GitHubWebhookProcessor gitHubWebhookProcessor(GitHubDeliveries deliveries, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, GitHubProperties properties, Clock clock) {
		return new GitHubWebhookProcessor(deliveries, events, new TransactionTemplate(transactionManager), properties,
				clock);
	}

}
