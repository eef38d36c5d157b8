package io.bugbridge.analysis.service;

import java.nio.file.Path;

import io.bugbridge.support.AnthropicSimulator;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnH2;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Claude analyses end to end on the embedded H2 database. */
@ApiTest
@OnH2
@DirtiesContext
class H2ClaudeAnalysisTests extends ClaudeAnalysisContract {

	static final AnthropicSimulator ANTHROPIC = AnthropicSimulator.start();

	static Path shop;

	@DynamicPropertySource
	static void claude(DynamicPropertyRegistry registry) throws Exception {
		shop = register(registry, ANTHROPIC);
	}

	@AfterAll
	static void stopAnthropic() {
		ANTHROPIC.close();
	}

	@Override
	AnthropicSimulator anthropic() {
		return ANTHROPIC;
	}

	@Override
	Path repositoryDirectory() {
		return shop;
	}

}
