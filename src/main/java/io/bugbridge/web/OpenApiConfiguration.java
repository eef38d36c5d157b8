package io.bugbridge.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import java.util.List;

import io.bugbridge.security.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Describes the API at {@code /v3/api-docs}; Swagger UI at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OpenApiConfiguration {

	static final String BEARER = "bearer-jwt";

	static final String JIRA_WEBHOOK = "/api/jira/webhook";

	static {
		// Controllers take the caller from the token (CallerArgumentResolver), not from a query parameter.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	/**
	 * Jira's webhook is served only while Jira is connected, but it is part of the API either way:
	 * without Jira it answers 404. It carries no bearer token; its HMAC signature authenticates it.
	 */
	@Bean
	OpenApiCustomizer jiraWebhookIsDocumented() {
		return openApi -> {
			PathItem path = openApi.getPaths() == null ? null : openApi.getPaths().get(JIRA_WEBHOOK);
			if (path == null) {
				path = new PathItem();
				openApi.path(JIRA_WEBHOOK, path);
			}
			Operation post = path.getPost();
			if (post == null) {
				post = new Operation().operationId("receiveJiraWebhook")
					.addTagsItem("Jira")
					.summary("Jira webhook (signed with the webhook secret)")
					.requestBody(new RequestBody().content(new Content().addMediaType("application/json",
							new MediaType().schema(new ObjectSchema()))))
					.responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("Applied or known"))
						.addApiResponse("401", new ApiResponse().description("Unsigned or forged delivery"))
						.addApiResponse("404", new ApiResponse().description("Jira is not connected")));
				path.setPost(post);
			}
			post.description("Authenticated by the X-Hub-Signature HMAC-SHA256 of the body with JIRA_WEBHOOK_SECRET,"
					+ " not by a bearer token. Only served while Jira is connected; otherwise 404.");
			post.setSecurity(List.of());
		};
	}

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
