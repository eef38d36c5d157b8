/**
 * Settings shared by all modules: the data directory, the project key and the public URL.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Configuration")
package io.bugbridge.config;
