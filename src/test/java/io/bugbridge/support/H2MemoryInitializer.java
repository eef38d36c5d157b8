package io.bugbridge.support;

import java.util.UUID;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** An in-memory H2 of its own per test context, in the same compatibility mode as the embedded default. */
public class H2MemoryInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String id = UUID.randomUUID().toString();
		TestPropertyValues.of("spring.datasource.url=jdbc:h2:mem:bb_" + id
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
				// Files of one context (search index, generated secrets) must not meet another's.
				"bugbridge.data-dir=target/test-data/" + id)
			.applyTo(context);
	}

}
