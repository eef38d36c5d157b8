package io.bugbridge.security;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.bugbridge.config.BugBridgeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stateless bearer-token security for the API. Customers and admins both use the customer
 * endpoints; only admins reach {@code /api/jira/admin/**}. This chain is consulted first and only
 * for the API, its description and the health endpoints; the browser pages have a chain of their
 * own ({@link BrowserSecurityConfiguration}), so a session cookie never authenticates an API call.
 */
@Configuration(proxyBeanMethods = false)
// CLI commands (doctor, benchmarks) start the application without a web server.
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	/** The paths this chain answers for; everything else is the browser chain's. */
	static final String[] API_PATHS = { "/api/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
			"/swagger-ui/**", "/actuator/**" };

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems, RateLimitFilter rateLimits)
			throws Exception {
		http.securityMatcher(API_PATHS).authorizeHttpRequests(requests -> requests
			.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
			.requestMatchers(HttpMethod.OPTIONS, "/api/**").permitAll()
			// Jira's webhook deliveries carry no JWT; the jira module checks their HMAC signature instead.
			.requestMatchers(HttpMethod.POST, "/api/jira/webhook").permitAll()
			// Likewise GitHub's: the fix module checks X-Hub-Signature-256.
			.requestMatchers(HttpMethod.POST, "/api/github/webhook").permitAll()
			.requestMatchers("/actuator/metrics", "/actuator/metrics/**", "/actuator/prometheus").hasRole(Role.ADMIN.name())
			.requestMatchers("/api/jira/admin/**").hasRole(Role.ADMIN.name())
			.requestMatchers("/api/**").hasAnyRole(Role.CUSTOMER.name(), Role.ADMIN.name())
			.anyRequest().denyAll())
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// Bearer tokens are not sent automatically by browsers, so there is no CSRF to defend against.
			.csrf(csrf -> csrf.disable())
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.oauth2ResourceServer(resourceServer -> resourceServer
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				.jwt(jwt -> jwt.jwtAuthenticationConverter(new CallerAuthenticationConverter())))
			.headers(headers -> headers
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
			// After the bearer token is read, so the limit knows whose it is.
			.addFilterAfter(rateLimits, BearerTokenAuthenticationFilter.class);
		return http.build();
	}

	@Bean
	RateLimiter rateLimiter(RateLimitProperties properties, DataSource dataSource) {
		return new RateLimiter(properties, dataSource);
	}

	@Bean
	RateLimitFilter rateLimitFilter(RateLimiter limiter, JsonMapper json) {
		return new RateLimitFilter(limiter, json);
	}

	/** The rate-limit filter runs inside the security chains only, not once more as a servlet filter. */
	@Bean
	FilterRegistrationBean<RateLimitFilter> rateLimitFilterNotInServletChain(RateLimitFilter filter) {
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

	@Bean
	JwtDecoder jwtDecoder(JwtProperties properties, BugBridgeProperties bugbridge) {
		NimbusJwtDecoder decoder;
		if (properties.issuerUri() != null) {
			decoder = NimbusJwtDecoder.withIssuerLocation(properties.issuerUri().toString()).build();
			log.info("API tokens are checked against the identity provider {}", properties.issuerUri());
		}
		else if (properties.jwkSetUri() != null) {
			decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString()).build();
			log.info("API tokens are checked against the JWK set {}", properties.jwkSetUri());
		}
		else {
			JwtSecret secret = JwtSecret.resolve(properties.secret(), bugbridge.dataDirectory());
			if (secret.generatedFile() != null) {
				log.info("{} is not set; API tokens are signed with the secret in {}{}. Mint a development token with:"
						+ " java -jar target/bugbridge.jar token --email you@example.com --customer acme --role customer",
						JwtSecret.ENVIRONMENT_VARIABLE, secret.generatedFile(),
						secret.generatedNow() ? " (generated now)" : "");
			}
			decoder = NimbusJwtDecoder.withSecretKey(secret.key()).macAlgorithm(MacAlgorithm.HS256).build();
		}
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(properties.issuerUri() != null
				? JwtValidators.createDefaultWithIssuer(properties.issuerUri().toString())
				: JwtValidators.createDefault());
		// Votes, ratings and the history name a caller by sub: a token without one identifies nobody.
		validators.add(jwt -> jwt.getSubject() != null && !jwt.getSubject().isBlank()
				? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token has no sub claim", null)));
		if (properties.requireExpiry()) {
			validators.add(jwt -> jwt.getExpiresAt() != null ? OAuth2TokenValidatorResult.success()
					: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token has no exp claim", null)));
		}
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
		return decoder;
	}

	/** Grants ROLE_CUSTOMER / ROLE_ADMIN from the {@code roles} claim and keeps the subject as name. */
	static final class CallerAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

		@Override
		public AbstractAuthenticationToken convert(Jwt jwt) {
			var authorities = Caller.rolesOf(jwt.getClaim(Caller.ROLES_CLAIM))
				.stream()
				.map(role -> new SimpleGrantedAuthority(role.authority()))
				.toList();
			return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
		}

	}

}
