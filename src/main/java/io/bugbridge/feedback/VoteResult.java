package io.bugbridge.feedback;

/**
 * @param changed whether this call added or removed a vote (false when it was already so)
 */
public record VoteResult(String key, int votes, boolean voted, boolean changed) {
}
