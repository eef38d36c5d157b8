/** Command-line tools shipped in the jar: {@code token}, {@code hash-password} (and later {@code doctor}, {@code bench}). */
@org.springframework.modulith.ApplicationModule(displayName = "CLI")
package io.bugbridge.cli;
