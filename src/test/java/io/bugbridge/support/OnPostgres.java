package io.bugbridge.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ContextConfiguration;

/** Runs a Spring test against the real PostgreSQL (see {@link PostgresSchemaInitializer}). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ContextConfiguration(initializers = PostgresSchemaInitializer.class)
public @interface OnPostgres {
}
