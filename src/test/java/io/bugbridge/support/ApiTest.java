package io.bugbridge.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * A test of the running service over real HTTP on a random port, with a known JWT secret so the
 * test can mint tokens, and the sign-in accounts of {@link TestAccounts} for the browser pages.
 * The rate limits are raised far above what any test sends from its one address and few tokens
 * (the real defaults are tested by {@code RateLimitTests} in contexts of their own).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bugbridge.jwt.secret=" + ApiClient.TEST_SECRET, "bugbridge.jobs.polling-interval=500ms",
				"bugbridge.search.poll-interval=200ms",
				"bugbridge.signin.users[0].email=" + TestAccounts.ADMIN, "bugbridge.signin.users[0].password=" + TestAccounts.HASH,
				"bugbridge.signin.users[0].roles=admin", "bugbridge.signin.users[0].name=Ada Admin",
				"bugbridge.signin.users[1].email=" + TestAccounts.ALICE, "bugbridge.signin.users[1].password=" + TestAccounts.HASH,
				"bugbridge.signin.users[1].roles=customer", "bugbridge.signin.users[1].customer-id=" + TestAccounts.ACME,
				"bugbridge.signin.users[1].name=Alice Customer",
				"bugbridge.signin.users[2].email=" + TestAccounts.CAROL, "bugbridge.signin.users[2].password=" + TestAccounts.HASH,
				"bugbridge.signin.users[2].roles=customer", "bugbridge.signin.users[2].customer-id=" + TestAccounts.ACME,
				"bugbridge.signin.users[3].email=" + TestAccounts.BOB, "bugbridge.signin.users[3].password=" + TestAccounts.HASH,
				"bugbridge.signin.users[3].roles=customer", "bugbridge.signin.users[3].customer-id=" + TestAccounts.GLOBEX,
				"bugbridge.rate-limit.customer.capacity=1000000", "bugbridge.rate-limit.admin.capacity=1000000",
				"bugbridge.rate-limit.webhook.capacity=1000000", "bugbridge.rate-limit.anonymous.capacity=1000000",
				"bugbridge.rate-limit.sign-in-account.capacity=1000000",
				"bugbridge.rate-limit.sign-in-ip.capacity=1000000" })
public @interface ApiTest {
}
