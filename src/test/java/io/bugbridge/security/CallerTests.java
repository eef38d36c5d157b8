package io.bugbridge.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerTests {

	@Test
	void rolesComeFromAnArrayOrAString() {
		assertThat(Caller.rolesOf(List.of("customer", "ADMIN", "auditor"))).containsExactlyInAnyOrder(Role.CUSTOMER,
				Role.ADMIN);
		assertThat(Caller.rolesOf("admin customer")).containsExactlyInAnyOrder(Role.CUSTOMER, Role.ADMIN);
		assertThat(Caller.rolesOf("customer,admin")).containsExactlyInAnyOrder(Role.CUSTOMER, Role.ADMIN);
		assertThat(Caller.rolesOf(null)).isEmpty();
		assertThat(Caller.rolesOf(42)).isEmpty();
	}

}
