/** Command-line tools shipped in the jar: {@code token}, {@code hash-password}, {@code doctor} (and later {@code bench}). */
@org.springframework.modulith.ApplicationModule(displayName = "CLI")
package io.bugbridge.cli;
