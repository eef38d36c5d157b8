package io.bugbridge.security;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * Security of the browser pages: a session after signing in (form or OpenID Connect), CSRF tokens
 * on every state-changing request, and headers that keep pages from running anything but our own
 * script files. The API's bearer-token chain ({@link SecurityConfiguration}) comes first and owns
 * {@code /api/**}; this chain takes every other path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class BrowserSecurityConfiguration {

	/**
	 * Scripts, styles and everything else only from our own origin: no inline script, no inline
	 * event handler, no eval. {@code blob:} images are the previews of screenshots being uploaded.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
			+ " img-src 'self' blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self';"
			+ " form-action 'self'; frame-ancestors 'none'";

	static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

	static final String OIDC_REGISTRATION = "oidc";

	@Bean
	PasswordEncoder passwordEncoder() {
		// Reads any "{id}hash" Spring Security knows; new hashes (demo accounts) are bcrypt.
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	SignInAccounts signInAccounts(SignInProperties properties, JdbcClient jdbc) {
		return new SignInAccounts(properties, jdbc);
	}

	@Bean
	DemoAccounts demoAccounts(SignInAccounts accounts, PasswordEncoder passwords, SignInProperties properties,
			Environment environment, java.time.Clock clock) {
		return new DemoAccounts(accounts, passwords, properties, environment, clock);
	}

	@Bean
	StaffDirectory staffDirectory(SignInAccounts accounts) {
		return new StaffDirectory(accounts);
	}

	@Bean
	@ConditionalOnProperty(prefix = "bugbridge.signin.oidc", name = "issuer-uri")
	ClientRegistrationRepository bugBridgeOidcRegistration(SignInProperties properties) {
		SignInProperties.Oidc oidc = properties.oidc();
		if (oidc.clientId() == null || oidc.clientId().isBlank()) {
			throw new IllegalStateException("bugbridge.signin.oidc.client-id (BUGBRIDGE_SIGNIN_OIDC_CLIENT_ID) is required"
					+ " when bugbridge.signin.oidc.issuer-uri is set");
		}
		ClientRegistration registration = ClientRegistrations.fromIssuerLocation(oidc.issuerUri().toString())
			.registrationId(OIDC_REGISTRATION)
			.clientId(oidc.clientId())
			.clientSecret(oidc.clientSecret())
			.scope(oidc.scopes())
			.clientName(oidc.label())
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.build();
		return new InMemoryClientRegistrationRepository(registration);
	}

	@Bean
	SignInOptions signInOptions(SignInProperties properties, ObjectProvider<ClientRegistrationRepository> registrations,
			DemoAccounts demo) {
		List<SignInOptions.Provider> providers = new ArrayList<>();
		ClientRegistrationRepository repository = registrations.getIfAvailable();
		if (repository instanceof Iterable<?> all) {
			for (Object each : all) {
				ClientRegistration registration = (ClientRegistration) each;
				providers.add(new SignInOptions.Provider(registration.getRegistrationId(),
						registration.getClientName() == null ? registration.getRegistrationId()
								: registration.getClientName()));
			}
		}
		// With single sign-on and no accounts of its own, the form would only ever say "wrong password".
		boolean form = providers.isEmpty() || !properties.users().isEmpty() || demo.wanted();
		return new SignInOptions(form, List.copyOf(providers), demo.wanted());
	}

	@Bean
	@Order(2)
	SecurityFilterChain browserSecurity(HttpSecurity http, SignInOptions options, SignInProperties properties,
			ObjectProvider<ClientRegistrationRepository> registrations, RateLimitFilter rateLimits) throws Exception {
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers("/login", "/denied", "/error", "/favicon.ico", "/css/**", "/js/**", "/img/**",
					"/webjars/**")
			.permitAll()
			.requestMatchers("/admin", "/admin/**").hasRole(Role.ADMIN.name())
			.anyRequest().hasAnyRole(Role.CUSTOMER.name(), Role.ADMIN.name()))
			// Every form and htmx request carries the session's CSRF token (the API chain has none to carry).
			.csrf(Customizer.withDefaults())
			.httpBasic(basic -> basic.disable())
			.requestCache(cache -> cache.requestCache(requestCache()))
			.exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint()).accessDeniedHandler(denied()))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
				.crossOriginOpenerPolicy(coop -> coop
					.policy(CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy.SAME_ORIGIN))
				.addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY)))
			// Before the form's password check: an account or IP out of sign-in attempts never gets one.
			.addFilterBefore(rateLimits, UsernamePasswordAuthenticationFilter.class);
		if (options.form()) {
			SimpleUrlAuthenticationFailureHandler wrongPassword = new SimpleUrlAuthenticationFailureHandler("/login?error");
			http.formLogin(form -> form.loginPage("/login")
				.usernameParameter("email")
				.failureHandler((request, response, exception) -> {
					rateLimits.signInFailed(request);
					wrongPassword.onAuthenticationFailure(request, response, exception);
				})
				.defaultSuccessUrl("/", false)
				.permitAll());
		}
		else {
			http.formLogin(form -> form.disable());
		}
		if (registrations.getIfAvailable() != null) {
			OidcClaimMapping mapping = new OidcClaimMapping(properties.oidc());
			http.oauth2Login((OAuth2LoginConfigurer<HttpSecurity> login) -> login.loginPage("/login")
				.failureUrl("/login?error")
				.defaultSuccessUrl("/", false)
				.userInfoEndpoint(userInfo -> userInfo.oidcUserService(new CallerOidcUserService(mapping))));
		}
		return http.build();
	}

	/**
	 * Pages redirect to the sign-in page. htmx requests and event streams get 401 instead, so a
	 * fragment never turns into a sign-in page inside the dashboard; htmx follows HX-Redirect.
	 */
	private static AuthenticationEntryPoint entryPoint() {
		LoginUrlAuthenticationEntryPoint page = new LoginUrlAuthenticationEntryPoint("/login");
		return (request, response, ex) -> {
			if (isBackgroundRequest(request)) {
				response.setHeader("HX-Redirect", request.getContextPath() + afterExpiry(request));
				response.sendError(401);
			}
			else {
				page.commence(request, response, ex);
			}
		};
	}

	/**
	 * Where a page goes when one of its background requests finds the session gone. On a form that
	 * keeps a draft (e.g. suggestions asked while typing a new ticket), back to that form marked
	 * expired, as when it is sent: the page asks for sign-in, returns to the form and restores the
	 * draft. Elsewhere the sign-in page. Only the path of the page's own address (htmx's
	 * HX-Current-URL) is used, so the answer never points off this site.
	 */
	private static String afterExpiry(HttpServletRequest request) {
		String current = request.getHeader("HX-Current-URL");
		if (current != null) {
			try {
				String path = java.net.URI.create(current).getPath();
				String context = request.getContextPath();
				if (path != null && path.startsWith(context + "/support/new/")) {
					String local = path.substring(context.length());
					java.util.regex.Matcher form = DRAFT_FORMS.matcher(local);
					if (form.matches()) {
						return local + "?expired";
					}
				}
			}
			catch (IllegalArgumentException ex) {
				// Not an address: the sign-in page.
			}
		}
		return "/login";
	}

	/** Forms whose text is kept as a draft in the browser, and the page that shows each again. */
	private static final java.util.regex.Pattern DRAFT_FORMS = java.util.regex.Pattern
		.compile("/support/new/[a-z]+|/tickets/[A-Za-z0-9_-]+(?=/comments$)");

	/**
	 * A form sent after the session expired fails its CSRF check. For the forms that keep drafts (a
	 * new ticket, a reply) that is not a dead end: back to the form (a GET, which changes nothing),
	 * which asks for sign-in first and then shows the draft the browser kept. Everything else, and
	 * a wrong token within a live session, gets the "denied" page.
	 */
	static org.springframework.security.web.access.AccessDeniedHandler denied() {
		org.springframework.security.web.access.AccessDeniedHandlerImpl page = new org.springframework.security.web.access.AccessDeniedHandlerImpl();
		page.setErrorPage("/denied");
		return (request, response, ex) -> {
			String path = request.getRequestURI().substring(request.getContextPath().length());
			java.util.regex.Matcher form = DRAFT_FORMS.matcher(path);
			// Only when the session is gone (expired, or its cookie lost): a wrong token in a live session
			// is refused as before.
			if (ex instanceof org.springframework.security.web.csrf.CsrfException && "POST".equals(request.getMethod())
					&& !request.isRequestedSessionIdValid() && !isBackgroundRequest(request) && form.lookingAt()
					&& (path.startsWith("/support/") ? form.end() == path.length() : true)) {
				response.sendRedirect(request.getContextPath() + form.group() + "?expired");
				return;
			}
			page.handle(request, response, ex);
		};
	}

	/** Returns to the page someone asked for after sign-in, never to a fragment or an event stream. */
	private static HttpSessionRequestCache requestCache() {
		HttpSessionRequestCache cache = new HttpSessionRequestCache();
		cache.setRequestMatcher(request -> "GET".equals(request.getMethod()) && !isBackgroundRequest(request));
		return cache;
	}

	static boolean isBackgroundRequest(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return request.getHeader("HX-Request") != null || accept != null && accept.contains("text/event-stream");
	}

}
