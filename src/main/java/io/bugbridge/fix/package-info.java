/**
 * Auto-Fix: a sandboxed Claude agent writes a fix with a test that reproduces the bug in a fresh
 * working copy; the service itself proves it (the new tests fail on the base commit, everything
 * passes on the fix), pushes a branch and opens a draft pull request, then follows the pull request
 * to merge and closes the loop with the ticket and the customer.
 * <p>
 * API: {@link io.bugbridge.fix.AutoFixService} and {@link io.bugbridge.fix.FixRun}; the
 * {@code github} named interface for the GitHub client and webhook events. The sandbox and the
 * git workspace are internal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Auto-Fix")
package io.bugbridge.fix;
