package io.bugbridge.config;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code bugbridge.data-dir} into an absolute, normalised path before anything reads it.
 * H2 refuses file URLs that are implicitly relative ("data/bugbridge"), and log lines that name
 * files are only useful to operators when they are absolute.
 */
public class DataDirectoryEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "bugbridge.data-dir";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String configured = environment.getProperty(PROPERTY, "./data");
		String absolute = DataDirectory.absolute(configured).toString();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("bugbridgeDataDirectory", Map.of(PROPERTY, absolute)));
	}

	@Override
	public int getOrder() {
		// After config data (application.yml, env) has been loaded, so the configured value is seen.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
