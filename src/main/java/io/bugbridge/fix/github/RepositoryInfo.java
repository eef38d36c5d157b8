package io.bugbridge.fix.github;

/**
 * What {@code doctor} checks about the repository.
 *
 * @param canPush {@code permissions.push} of the token's user; null when GitHub does not say
 * (fine-grained tokens and GitHub Apps may omit {@code permissions})
 */
public record RepositoryInfo(String fullName, String defaultBranch, String htmlUrl, Boolean canPush) {
}
