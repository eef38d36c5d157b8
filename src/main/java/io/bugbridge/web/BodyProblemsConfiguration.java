package io.bugbridge.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Installs {@link BodyProblems.EnumValueCollector} in the application's JSON mapper. */
@Configuration(proxyBeanMethods = false)
class BodyProblemsConfiguration {

	@Bean
	JsonMapperBuilderCustomizer collectUnknownEnumValuesOfRequestBodies() {
		return builder -> builder.addHandler(new BodyProblems.EnumValueCollector());
	}

}
