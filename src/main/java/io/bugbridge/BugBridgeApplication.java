package io.bugbridge;

import io.bugbridge.cli.BugBridgeCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "config")
public class BugBridgeApplication {

	public static void main(String[] args) {
		// A first argument that is a word (not a --spring.option) names a CLI command such as
		// "token"; those run without starting the web server.
		if (BugBridgeCli.isCommand(args)) {
			System.exit(BugBridgeCli.run(args, BugBridgeApplication.class));
		}
		SpringApplication.run(BugBridgeApplication.class, args);
	}

}
