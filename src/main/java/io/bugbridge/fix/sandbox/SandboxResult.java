package io.bugbridge.fix.sandbox;

import java.time.Duration;

/**
 * The outcome of one sandboxed command.
 *
 * @param exitCode the shell's exit code; 128 + n when a signal n ended it (137 when the sandbox
 * killed it)
 * @param output stdout and stderr interleaved as the command wrote them, cut to
 * {@code maxOutputChars} keeping the head and the tail around a marker that says how much was
 * left out
 * @param timedOut whether the wall time ran out and the process tree was killed
 * @param duration the wall time the command took
 * @param sandboxed {@code false} when it ran through the {@link UnsandboxedRunner}
 */
public record SandboxResult(int exitCode, String output, boolean timedOut, Duration duration, boolean sandboxed) {

}
