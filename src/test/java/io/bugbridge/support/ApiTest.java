package io.bugbridge.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * A test of the running service over real HTTP on a random port, with a known JWT secret so the
 * test can mint tokens.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bugbridge.jwt.secret=" + ApiClient.TEST_SECRET, "bugbridge.jobs.polling-interval=500ms",
				"bugbridge.search.poll-interval=200ms" })
public @interface ApiTest {
}
