package io.bugbridge;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Modules only use each other's public API and do not depend on each other in cycles. */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(BugBridgeApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	@Test
	void writesModuleDocumentation() {
		// target/spring-modulith-docs: component diagrams of all modules and of each, for docs/architecture.md.
		new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
