package io.bugbridge.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it reaches the model or a log: well-known token shapes, values
 * after words like {@code password=}, credentials in URLs, private keys, card numbers (Luhn-checked),
 * configured patterns, and this service's own secrets by value. Bug reports paste such things often;
 * the model never needs them to find a bug.
 */
public final class Redactor {

	private static final List<Rule> RULES = List.of(
			new Rule("private key", Pattern.compile(
					"-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)")),
			new Rule("anthropic key", Pattern.compile("sk-ant-[A-Za-z0-9_-]{8,}")),
			new Rule("api key", Pattern.compile("\\bsk-[A-Za-z0-9_-]{20,}")),
			new Rule("github token", Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})")),
			new Rule("atlassian token", Pattern.compile("\\bATATT[A-Za-z0-9_=+/-]{16,}")),
			new Rule("aws key", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b")),
			new Rule("slack token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}")),
			new Rule("jwt", Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}")),
			new Rule("url credentials", Pattern.compile("(?<=://)[^/\\s:@]+:[^/\\s@]+(?=@)")));

	/** The value after a secret-sounding name; the name stays so the text still reads. */
	private static final Pattern ASSIGNMENT = Pattern.compile("(?i)\\b(password|passwd|pwd|passphrase|secret|client[_-]?secret"
			+ "|api[_-]?key|apikey|access[_-]?key|access[_-]?token|auth[_-]?token|refresh[_-]?token|token|bearer)"
			+ "(\"?\\s*[:=]\\s*\"?|\\s+is\\s+|\\s+)(\"[^\"\\n]{4,}\"|'[^'\\n]{4,}'|[^\\s\"',;]{6,})");

	private static final Pattern CARD = Pattern.compile("\\b\\d(?:[ -]?\\d){12,18}\\b");

	private final List<Rule> configured;

	private final List<String> knownSecrets;

	/**
	 * @param patterns extra regular expressions to redact
	 * @param knownSecrets this installation's own secret values (keys, tokens, passwords)
	 */
	public Redactor(List<String> patterns, Set<String> knownSecrets) {
		this.configured = patterns.stream().map(p -> new Rule("configured pattern", Pattern.compile(p))).toList();
		TreeSet<String> secrets = new TreeSet<>(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s));
		knownSecrets.stream().filter(s -> s != null && s.length() >= 6).forEach(secrets::add);
		this.knownSecrets = new ArrayList<>(secrets);
	}

	/** For what people write (ticket text, logs): every rule, including the heuristics. */
	public String redact(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		return redactCards(redactAssignments(redactTokens(text)));
	}

	/**
	 * For code and tool output: this installation's secrets, token shapes and configured patterns,
	 * but not the heuristics, which would mangle ordinary code such as {@code password = form.get(...)}
	 * and make exact edits impossible.
	 */
	public String redactTokens(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String result = text;
		for (String secret : knownSecrets) {
			result = result.replace(secret, "[REDACTED]");
		}
		for (Rule rule : RULES) {
			result = rule.pattern.matcher(result).replaceAll("[REDACTED " + rule.kind + "]");
		}
		for (Rule rule : configured) {
			result = rule.pattern.matcher(result).replaceAll("[REDACTED]");
		}
		return result;
	}

	private static String redactAssignments(String text) {
		Matcher m = ASSIGNMENT.matcher(text);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String value = m.group(3);
			boolean separator = !m.group(2).isBlank();
			// "token limit" or "password reset" are words, not secrets: without ':' or '=' only
			// values that look generated (digits mixed with letters, 12+ chars) count.
			boolean secretLike = separator ? !value.startsWith("[REDACTED") : looksGenerated(value);
			m.appendReplacement(out, Matcher.quoteReplacement(secretLike ? m.group(1) + m.group(2) + "[REDACTED]" : m.group()));
		}
		m.appendTail(out);
		return out.toString();
	}

	private static boolean looksGenerated(String value) {
		return value.length() >= 12 && value.chars().anyMatch(Character::isDigit) && value.chars().anyMatch(Character::isLetter);
	}

	private static String redactCards(String text) {
		Matcher m = CARD.matcher(text);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String digits = m.group().replaceAll("[ -]", "");
			m.appendReplacement(out, Matcher.quoteReplacement(luhn(digits) ? "[REDACTED card number]" : m.group()));
		}
		m.appendTail(out);
		return out.toString();
	}

	static boolean luhn(String digits) {
		if (digits.length() < 13 || digits.length() > 19) {
			return false;
		}
		int sum = 0;
		boolean doubled = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int d = digits.charAt(i) - '0';
			if (doubled) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
			doubled = !doubled;
		}
		return sum % 10 == 0;
	}

	private record Rule(String kind, Pattern pattern) {
	}

}
