package io.bugbridge.fix.agent;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bugbridge.agent.AgentRun;
import io.bugbridge.agent.AgentRun.Outcome;
import io.bugbridge.agent.AiProperties;
import io.bugbridge.agent.Budget;
import io.bugbridge.agent.Redactor;
import io.bugbridge.agent.Usage;
import io.bugbridge.agent.UsageLedger;
import io.bugbridge.fix.sandbox.Sandbox;
import io.bugbridge.fix.workspace.ChangeLimits;
import io.bugbridge.fix.workspace.ChangeSet;
import io.bugbridge.fix.workspace.FileChange;
import io.bugbridge.fix.workspace.Workspace;
import io.bugbridge.ticket.Ticket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Claude Code CLI as the Auto-Fix executor: {@code claude -p} headless in the working copy, inside
 * the Auto-Fix sandbox. Its only way out is the {@link AnthropicRelay} to {@code bugbridge.ai.base-url},
 * which adds the API key, so the sandbox holds no secret. Its tools are limited to reading, editing
 * and searching files and a shell for the repository's test command ({@code --permission-mode
 * dontAsk}: whatever the allowed list does not name is refused, never asked). Its stream is read as it
 * arrives: progress for the console, usage for the budgets; the process tree is killed as soon as a
 * budget is reached or the run is cancelled. Its answer is the JSON block it is told to end with.
 */
public final class ClaudeCodeFixAgent implements FixExecutor {

	private static final Logger log = LoggerFactory.getLogger(ClaudeCodeFixAgent.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Inside the sandbox the CLI holds this instead of a key; the relay puts the real one in. */
	static final String PLACEHOLDER_KEY = "sk-ant-" + "bugbridge-sandbox-placeholder";

	/** Built-in tools the CLI gets; everything else (web, sub-agents, MCP, notebooks) is not even offered. */
	static final String TOOLS = "Read,Edit,Write,Glob,Grep,Bash";

	private static final Pattern JSON_BLOCK = Pattern.compile("```(?:json)?\\s*(\\{.*?})\\s*```", Pattern.DOTALL);

	private static final long POLL_MILLIS = 200;

	private static final Object END = new Object();

	private final AiProperties ai;

	private final ClaudeCodeCli cli;

	private final Sandbox sandbox;

	private final UsageLedger ledger;

	private final Redactor redactor;

	public ClaudeCodeFixAgent(AiProperties ai, ClaudeCodeCli cli, Sandbox sandbox, UsageLedger ledger,
			Redactor redactor) {
		this.ai = ai;
		this.cli = cli;
		this.sandbox = sandbox;
		this.ledger = ledger;
		this.redactor = redactor;
	}

	@Override
	public String unavailable() {
		ClaudeCodeCli.Status status = cli.status();
		return status.available() ? null : status.problem();
	}

	@Override
	public AgentRun run(Ticket ticket, Workspace workspace, ChangeLimits limits, String testCommand,
			String selectorCommand, Duration testTimeout, String evidence, String repair, Consumer<String> progress,
			BooleanSupplier cancelled) throws IOException {
		String model = ai.model();
		if (!ai.configured()) {
			return new AgentRun(Outcome.PROVIDER_ERROR, null, "ANTHROPIC_API_KEY is not set", false, Usage.none(model));
		}
		ClaudeCodeCli.Status status = cli.status();
		if (!status.available()) {
			return new AgentRun(Outcome.PROVIDER_ERROR, null, status.problem(), false, Usage.none(model));
		}
		if (ai.dailyUsd().signum() > 0 && ledger.spentToday().compareTo(ai.dailyUsd()) >= 0) {
			return new AgentRun(Outcome.LIMIT_REACHED, null, "stopped by the installation's daily cost limit (USD "
					+ ai.dailyUsd().toPlainString() + ")", true, Usage.none(model));
		}
		Budget budget = ai.fix();
		Consumer<String> console = line -> progress.accept(redactor.redact(line));
		Path workDir = workspace.directory().toRealPath();
		ClaudeCodeStream stream = new ClaudeCodeStream(model, ai.price(model), workDir, console);
		long started = System.nanoTime();
		AgentRun ended;
		try (AnthropicRelay relay = AnthropicRelay.open(ai.baseUrl(), ai.apiKey(), refused -> {
			log.warn("Claude Code run of {}: the relay refused {}", ticket.key(), refused);
			console.accept("Refused a request to " + refused);
		})) {
			Files.writeString(relay.directory().resolve("system.txt"), FixPrompts.claudeCode(testCommand, budget.maxTurns()));
			File stderr = relay.directory().resolve("stderr.txt").toFile();
			String prompt = redactor.redact(FixPrompts.task(ticket, evidence, repair));
			Process process = sandbox.start(workDir, command(status, relay.directory(), testCommand, selectorCommand,
					budget, model), launch(status, relay.directory()), stderr);
			console.accept("Claude Code is working in the sandbox");
			ended = supervise(process, prompt, stream, budget, cancelled, started);
			ended = ended != null ? ended : outcome(stream, workspace, process, stderr, budget);
			for (String refusal : stream.refusals()) {
				log.info("Claude Code run of {}: {}", ticket.key(), redactor.redact(refusal));
			}
		}
		Usage usage = stream.usage(Duration.ofNanos(System.nanoTime() - started).toMillis());
		if (usage.totalTokens() > 0 || usage.usd().signum() > 0) {
			ledger.record("fix", ticket.key(), model, usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(),
					usage.cacheWriteTokens(), usage.usd());
		}
		log.info("Claude Code fix of {}: {} after {} turns, {} tokens, USD {}{}", ticket.key(), ended.outcome(),
				usage.turns(), usage.totalTokens(), usage.usd().toPlainString(),
				ended.reason() == null ? "" : " (" + ended.reason() + ")");
		return new AgentRun(ended.outcome(), ended.answer(), ended.reason(), ended.retryable(), usage);
	}

	/**
	 * Feeds the prompt, reads the stream as it arrives and stops the process tree when a budget is
	 * reached or the run is cancelled; null when the CLI ended by itself.
	 */
	private AgentRun supervise(Process process, String prompt, ClaudeCodeStream stream, Budget budget,
			BooleanSupplier cancelled, long started) {
		BlockingQueue<Object> lines = new LinkedBlockingQueue<>();
		Thread writer = new Thread(() -> {
			try (OutputStream stdin = process.getOutputStream()) {
				stdin.write(prompt.getBytes(StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				// The CLI ended before reading its prompt: its exit says why.
			}
		}, "claude-code-prompt");
		writer.setDaemon(true);
		writer.start();
		Thread reader = new Thread(() -> {
			try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
					StandardCharsets.UTF_8))) {
				String line;
				while ((line = out.readLine()) != null) {
					lines.add(line);
				}
			}
			catch (IOException ex) {
				// Killed: what was read stays.
			}
			finally {
				lines.add(END);
			}
		}, "claude-code-stream");
		reader.setDaemon(true);
		reader.start();
		try {
			while (true) {
				Object next = lines.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
				while (next != null && next != END) {
					stream.accept((String) next);
					next = lines.poll();
				}
				if (next == END) {
					process.waitFor(30, TimeUnit.SECONDS);
					return null;
				}
				AgentRun stop = stop(stream, budget, cancelled, Duration.ofNanos(System.nanoTime() - started));
				if (stop != null) {
					kill(process);
					return stop;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			kill(process);
			return new AgentRun(Outcome.CANCELLED, null, "interrupted", false, Usage.none(ai.model()));
		}
		finally {
			if (process.isAlive()) {
				kill(process);
			}
		}
	}

	/**
	 * The budgets, checked on every event: tokens, cost (priced with BugBridge's table) and wall time
	 * at once; turns through the CLI's own {@code --max-turns}, and here only if it overshoots.
	 */
	private AgentRun stop(ClaudeCodeStream stream, Budget budget, BooleanSupplier cancelled, Duration elapsed) {
		if (stream.result() != null) {
			return null;
		}
		if (cancelled.getAsBoolean()) {
			return new AgentRun(Outcome.CANCELLED, null, "cancelled by an admin", false, Usage.none(ai.model()));
		}
		Usage usage = stream.usage(elapsed.toMillis());
		if (usage.turns() > budget.maxTurns()) {
			return limit("turn limit (" + budget.maxTurns() + " turns)");
		}
		Usage withoutTurns = new Usage(usage.model(), usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(),
				usage.cacheWriteTokens(), usage.usd(), 0, usage.durationMillis());
		String limit = budget.reached(withoutTurns, elapsed);
		return limit == null ? null : limit(limit);
	}

	private AgentRun limit(String limit) {
		return new AgentRun(Outcome.LIMIT_REACHED, null, "stopped by the " + limit, false, Usage.none(ai.model()));
	}

	/** How a CLI that ended by itself ended: its result event, or its exit and error output. */
	private AgentRun outcome(ClaudeCodeStream stream, Workspace workspace, Process process, File stderr, Budget budget)
			throws IOException {
		JsonNode result = stream.result();
		String model = ai.model();
		if (result == null) {
			String error = stderrTail(stderr);
			String exit = process.isAlive() ? "still running" : "exit " + process.exitValue();
			return new AgentRun(Outcome.NO_ANSWER, null, "Claude Code stopped without a result (" + exit + ")"
					+ (error.isEmpty() ? "" : ": " + error), false, Usage.none(model));
		}
		String subtype = result.path("subtype").asString("");
		String text = result.path("result").asString("");
		if (subtype.equals("error_max_turns")) {
			return limit("turn limit (" + budget.maxTurns() + " turns)");
		}
		if (subtype.equals("error_max_budget_usd")) {
			return limit("cost limit (USD " + budget.maxUsd().toPlainString() + ")");
		}
		if (result.path("is_error").asBoolean(false) || !subtype.equals("success")) {
			int status = result.path("api_error_status").asInt(0);
			if (status > 0) {
				boolean retryable = status == 408 || status == 409 || status == 429 || status >= 500;
				return new AgentRun(Outcome.PROVIDER_ERROR, null, "Anthropic answered " + status + " to Claude Code: "
						+ redactor.redact(ClaudeCodeStream.firstLine(text)), retryable, Usage.none(model));
			}
			return new AgentRun(Outcome.NO_ANSWER, null, "Claude Code ended with " + subtype
					+ (text.isBlank() ? "" : ": " + redactor.redact(ClaudeCodeStream.firstLine(text))), false,
					Usage.none(model));
		}
		ChangeSet changes = workspace.changes();
		if (changes.isEmpty()) {
			return new AgentRun(Outcome.NO_ANSWER, null, "Claude Code ended without changing the working copy"
					+ (text.isBlank() ? "" : ": " + redactor.redact(ClaudeCodeStream.firstLine(text))), false,
					Usage.none(model));
		}
		return new AgentRun(Outcome.ANSWERED, answer(text, changes), null, false, Usage.none(model));
	}

	/**
	 * The JSON block the CLI was told to end with; without one (or with an invalid one), a summary
	 * from the result text. The service's own test runs decide whether the fix counts either way.
	 */
	static ObjectNode answer(String text, ChangeSet changes) {
		ObjectNode answer = JSON.createObjectNode();
		JsonNode block = null;
		Matcher matcher = JSON_BLOCK.matcher(text);
		while (matcher.find()) {
			try {
				JsonNode parsed = JSON.readTree(matcher.group(1));
				if (parsed.isObject() && parsed.has("summary")) {
					block = parsed;
				}
			}
			catch (RuntimeException notJson) {
				// An example or a fragment: look further.
			}
		}
		String prose = JSON_BLOCK.matcher(text).replaceAll("").strip();
		String files = changes == null ? "" : String.join(", ", changes.files().stream().map(FileChange::path).toList());
		answer.put("summary", field(block, "summary", prose.isEmpty() ? "Fix by Claude Code"
				: ClaudeCodeStream.firstLine(prose)));
		answer.put("root_cause", field(block, "root_cause", prose.isEmpty() ? "(not stated)" : prose));
		answer.put("changes", field(block, "changes", "Changed: " + files));
		answer.put("testing", field(block, "testing", "(not stated; see the service's own test runs)"));
		answer.put("structured", block != null);
		return answer;
	}

	private static String field(JsonNode block, String name, String fallback) {
		if (block == null || block.path(name).isMissingNode() || block.path(name).isNull()) {
			return fallback;
		}
		JsonNode value = block.path(name);
		if (value.isString()) {
			return value.asString().isBlank() ? fallback : value.asString().strip();
		}
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach(item -> items.add(item.isString() ? item.asString() : item.toString()));
			return String.join("\n", items);
		}
		return value.toString();
	}

	/**
	 * The shell line run in the sandbox: the relay's TCP end on 127.0.0.1, then the CLI, headless,
	 * with the task on stdin.
	 */
	static String command(ClaudeCodeCli.Status status, Path relay, String testCommand, String selectorCommand,
			Budget budget, String model) {
		List<String> allowed = new ArrayList<>(List.of("Read", "Edit", "Write", "Glob", "Grep"));
		allowed.add("Bash(" + testCommand.strip() + ":*)");
		if (selectorCommand != null && selectorCommand.contains("{selector}")) {
			String prefix = selectorCommand.substring(0, selectorCommand.indexOf("{selector}")).strip();
			if (!prefix.isEmpty() && !prefix.equals(testCommand.strip())) {
				allowed.add("Bash(" + prefix + ":*)");
			}
		}
		List<String> argv = new ArrayList<>(List.of(status.executable().toString(), "-p", "--output-format",
				"stream-json", "--verbose", "--model", model, "--max-turns", Integer.toString(budget.maxTurns()),
				"--max-budget-usd", budget.maxUsd().toPlainString(), "--tools", TOOLS, "--allowedTools",
				String.join(",", allowed), "--permission-mode", "dontAsk", "--setting-sources", "user",
				"--strict-mcp-config", "--no-session-persistence", "--disable-slash-commands",
				"--append-system-prompt-file", relay.resolve("system.txt").toString()));
		String port = "\"$TMPDIR/anthropic-relay.port\"";
		return String.join("\n",
				quote(status.node().toString()) + " " + quote(relay.resolve(AnthropicRelay.SCRIPT).toString()) + " "
						+ quote(relay.resolve(AnthropicRelay.SOCKET).toString()) + " " + port + " &",
				"n=0; while [ ! -s " + port + " ]; do n=$((n+1)); if [ $n -gt 600 ]; then"
						+ " echo 'the relay to Anthropic did not start' >&2; exit 97; fi; sleep 0.05; done",
				"export ANTHROPIC_BASE_URL=\"http://127.0.0.1:$(cat " + port + ")\"",
				"exec " + String.join(" ", argv.stream().map(ClaudeCodeFixAgent::quote).toList()));
	}

	/**
	 * What the CLI finds in the sandbox beyond a test run: a placeholder key, switches that keep it
	 * from reaching anything but the relay, the relay's directory and, when installed outside /usr,
	 * the CLI and Node read-only.
	 */
	private Sandbox.Launch launch(ClaudeCodeCli.Status status, Path relay) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("ANTHROPIC_API_KEY", PLACEHOLDER_KEY);
		environment.put("SHELL", "/bin/bash");
		environment.put("DISABLE_TELEMETRY", "1");
		environment.put("DISABLE_ERROR_REPORTING", "1");
		environment.put("DISABLE_AUTOUPDATER", "1");
		environment.put("DISABLE_GROWTHBOOK", "1");
		environment.put("DISABLE_BUG_COMMAND", "1");
		environment.put("DISABLE_INSTALLATION_CHECKS", "1");
		environment.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
		environment.put("CLAUDE_CODE_DISABLE_FEEDBACK_SURVEY", "1");
		environment.put("CLAUDE_CODE_DISABLE_AUTO_MEMORY", "1");
		environment.put("CLAUDE_CODE_DISABLE_BACKGROUND_TASKS", "1");
		environment.put("CLAUDE_CODE_MAX_OUTPUT_TOKENS", Long.toString(ai.maxOutputTokensPerTurn()));
		List<Path> readOnly = new ArrayList<>(List.of(relay));
		Path cliHome = status.executable().getParent();
		if (cliHome.getFileName() != null && cliHome.getFileName().toString().equals("bin")) {
			cliHome = cliHome.getParent();
		}
		for (Path install : List.of(cliHome, status.node().getParent())) {
			if (!install.startsWith("/usr") && !readOnly.contains(install)) {
				readOnly.add(install);
			}
		}
		return new Sandbox.Launch(environment, readOnly, List.of());
	}

	private static String quote(String argument) {
		return "'" + argument.replace("'", "'\\''") + "'";
	}

	private String stderrTail(File stderr) {
		try {
			String text = Files.readString(stderr.toPath(), StandardCharsets.UTF_8).strip();
			text = text.length() <= 1000 ? text : "…" + text.substring(text.length() - 1000);
			return redactor.redact(text);
		}
		catch (IOException | RuntimeException ex) {
			return "";
		}
	}

	/** The sandbox's root first: bubblewrap's pid namespace dies with it, and with it every process inside. */
	private static void kill(Process process) {
		List<ProcessHandle> tree = process.descendants().toList();
		process.destroyForcibly();
		tree.forEach(ProcessHandle::destroyForcibly);
		try {
			process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
