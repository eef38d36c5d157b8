package io.bugbridge.config;

import java.net.URI;
import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every module may read.
 *
 * @param dataDir directory for the embedded database and generated files ({@code BUGBRIDGE_DATA_DIR})
 * @param projectKey prefix of ticket keys, shared with Jira ({@code JIRA_PROJECT_KEY})
 * @param publicUrl base URL customers use to reach this service, for links in responses and
 * e-mails ({@code BUGBRIDGE_PUBLIC_URL}); when unset, links are built from the incoming request
 */
@Validated
@ConfigurationProperties("bugbridge")
public record BugBridgeProperties(
		@NotNull Path dataDir,
		@DefaultValue("AURA") @Pattern(regexp = "[A-Z][A-Z0-9_]{0,19}",
				message = "must be a Jira project key: an upper-case letter followed by up to 19 upper-case letters, digits or underscores") String projectKey,
		URI publicUrl) {

	public DataDirectory dataDirectory() {
		return new DataDirectory(dataDir);
	}

}
