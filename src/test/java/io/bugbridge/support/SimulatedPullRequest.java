package io.bugbridge.support;

import java.time.Instant;

/** A pull request in the simulator; mutable on purpose: the test changes the simulated world. */
public final class SimulatedPullRequest {

	final int number;

	final String head;

	final String base;

	final String headSha;

	final Instant createdAt = GitHubSimulator.now();

	String title;

	String body;

	String state = "open";

	boolean draft;

	boolean merged;

	boolean maintainerCanModify;

	Instant mergedAt;

	Instant closedAt;

	SimulatedPullRequest(int number, String head, String base, String headSha) {
		this.number = number;
		this.head = head;
		this.base = base;
		this.headSha = headSha;
	}

	public int number() {
		return number;
	}

	public String head() {
		return head;
	}

	public String headSha() {
		return headSha;
	}

	public String title() {
		return title;
	}

	public String body() {
		return body;
	}

	public String state() {
		return state;
	}

	public boolean draft() {
		return draft;
	}

	public boolean merged() {
		return merged;
	}

}
