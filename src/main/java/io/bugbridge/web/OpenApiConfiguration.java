package io.bugbridge.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Describes the API at {@code /v3/api-docs}; Swagger UI at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OpenApiConfiguration {

	static final String BEARER = "bearer-jwt";

	/**
	 * springdoc describes models with its own (Jackson 2) mapper, which does not see
	 * spring.jackson.property-naming-strategy; without this the document would show camelCase names
	 * the API does not accept.
	 */
	@Bean
	ModelResolver snakeCaseModelResolver(ObjectMapperProvider mappers) {
		return new ModelResolver(mappers.jsonMapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
	}

	@Bean
	OpenAPI bugBridgeOpenApi() {
		return new OpenAPI()
			.info(new Info().title("BugBridge API")
				.version("v1")
				.description("Customer intake (bug reports, feature requests, support tickets) and ticket tracking."
						+ " Errors are RFC 9457 problem documents (application/problem+json).")
				.license(new License().name("Apache-2.0")))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

}
