package io.bugbridge.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolTextEditor20250728;
import com.anthropic.models.messages.ToolUnion;
import com.anthropic.models.messages.ToolUseBlock;
import io.bugbridge.agent.AgentRun.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The conversation of one run and what each answer of the model leads to. */
final class Conversation {

	private static final Logger log = LoggerFactory.getLogger(Conversation.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AgentTask task;

	private final String model;

	private final Redactor redactor;

	private final List<MessageParam> messages = new ArrayList<>();

	private final List<ToolUnion> tools = new ArrayList<>();

	private int repairsLeft = 1;

	private int nudgesLeft = 2;

	private List<ContentBlockParam> paused;

	Conversation(AgentTask task, String model, Redactor redactor) {
		this.model = model;
		this.redactor = redactor;
		this.task = task;
		CacheControlEphemeral cache = CacheControlEphemeral.builder().build();
		List<ContentBlockParam> first = new ArrayList<>();
		if (task.context() != null && !task.context().isBlank()) {
			// The repository map is the same for every turn and run at one commit: cached.
			first.add(ContentBlockParam.ofText(TextBlockParam.builder()
				.text(redactor.redactTokens(task.context()))
				.cacheControl(cache)
				.build()));
		}
		first.add(ContentBlockParam.ofText(redactor.redact(task.task())));
		messages.add(MessageParam.ofUserOfContentBlockParams(first));
		List<Object> all = new ArrayList<>(task.tools());
		all.add(task.finalAnswer());
		for (int i = 0; i < all.size(); i++) {
			boolean last = i == all.size() - 1;
			tools.add(toolParam(all.get(i), last ? cache : null));
		}
	}

	MessageCreateParams params(long maxTokens) {
		return MessageCreateParams.builder()
			.model(model)
			.maxTokens(maxTokens)
			.systemOfTextBlockParams(List.of(TextBlockParam.builder()
				.text(task.system())
				.cacheControl(CacheControlEphemeral.builder().build())
				.build()))
			.tools(tools)
			.messages(messages)
			.build();
	}

	/** What the response leads to: a finished run, or null to go on with the next turn. */
	AgentRun answer(Message response) {
		appendAssistant(response);
		StopReason stop = response.stopReason().orElse(StopReason.END_TURN);
		List<ToolUseBlock> calls = response.content().stream().map(ContentBlock::toolUse).flatMap(Optional::stream).toList();
		if (stop.equals(StopReason.REFUSAL)) {
			return noAnswer("the model declined to continue (refusal)");
		}
		if (stop.equals(StopReason.MODEL_CONTEXT_WINDOW_EXCEEDED)) {
			return noAnswer("the conversation outgrew the model's context window");
		}
		if (stop.equals(StopReason.PAUSE_TURN)) {
			// The API paused a long turn; sending the conversation back as it is lets it continue.
			return null;
		}
		if (!calls.isEmpty()) {
			return toolResults(calls, stop.equals(StopReason.MAX_TOKENS));
		}
		if (nudgesLeft-- <= 0) {
			return noAnswer("the model ended without calling " + task.finalAnswer().name());
		}
		String why = stop.equals(StopReason.MAX_TOKENS) ? "Your reply was cut off at the output limit. Be brief. "
				: "";
		messages.add(MessageParam.ofUser(why + "Finish by calling " + task.finalAnswer().name() + " with your answer."));
		return null;
	}

	/**
	 * The model's turn joins the conversation; after a pause_turn the continuation belongs to the
	 * same assistant turn, so the two are sent as one message.
	 */
	private void appendAssistant(Message response) {
		List<ContentBlockParam> blocks = new ArrayList<>(response.content().stream().map(ContentBlock::toParam).toList());
		if (paused != null) {
			messages.remove(messages.size() - 1);
			paused.addAll(blocks);
			blocks = paused;
		}
		boolean pausing = response.stopReason().map(StopReason.PAUSE_TURN::equals).orElse(false);
		paused = pausing ? blocks : null;
		messages.add(MessageParam.ofAssistantOfContentBlockParams(blocks));
	}

	private AgentRun toolResults(List<ToolUseBlock> calls, boolean truncated) {
		List<ContentBlockParam> results = new ArrayList<>();
		for (ToolUseBlock call : calls) {
			JsonNode input = JSON.valueToTree(call._input().convert(Object.class));
			if (truncated) {
				results.add(result(call, AgentTool.ToolResult.error("Your call was cut off at the output limit;"
						+ " call it again with complete, shorter input.")));
			}
			else if (call.name().equals(task.finalAnswer().name())) {
				List<String> problems = task.finalAnswer().problems(input);
				if (problems.isEmpty()) {
					return new AgentRun(Outcome.ANSWERED, input, null, false, Usage.none(model));
				}
				if (repairsLeft-- <= 0) {
					return noAnswer("the final answer was invalid twice: " + String.join("; ", problems));
				}
				results.add(result(call, AgentTool.ToolResult.error("The answer was not accepted: "
						+ String.join("; ", problems) + ". Fix these and call " + call.name() + " again.")));
			}
			else {
				results.add(result(call, invoke(call.name(), input)));
			}
		}
		messages.add(MessageParam.ofUserOfContentBlockParams(results));
		return null;
	}

	private AgentTool.ToolResult invoke(String name, JsonNode input) {
		AgentTool tool = task.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
		if (tool == null) {
			return AgentTool.ToolResult.error("There is no tool named " + name + " in this mode.");
		}
		try {
			AgentTool.ToolResult result = tool.call(input);
			if (result.activity() != null) {
				task.progress().accept(result.activity());
			}
			return result;
		}
		catch (Exception ex) {
			log.debug("Tool {} failed", name, ex);
			return AgentTool.ToolResult.error(name + " failed: " + (ex.getMessage() == null
					? ex.getClass().getSimpleName() : ex.getMessage()));
		}
	}

	private ContentBlockParam result(ToolUseBlock call, AgentTool.ToolResult result) {
		String content = redactor.redactTokens(result.content() == null || result.content().isEmpty() ? "(empty)"
				: result.content());
		if (content.length() > ClaudeAgent.MAX_TOOL_RESULT_CHARS) {
			content = content.substring(0, ClaudeAgent.MAX_TOOL_RESULT_CHARS) + "\n[... cut at " + ClaudeAgent.MAX_TOOL_RESULT_CHARS
					+ " characters; view a line range for the rest]";
		}
		return ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
			.toolUseId(call.id())
			.content(content)
			.isError(result.error())
			.build());
	}

	// Usage is filled in by run(), which tracks it across turns.
	private AgentRun noAnswer(String reason) {
		return new AgentRun(Outcome.NO_ANSWER, null, reason, false, Usage.none(model));
	}


	/** A tool in the request: the text editor by its Anthropic type, the others with their schema. */
	private static ToolUnion toolParam(Object tool, CacheControlEphemeral cache) {
		if (tool instanceof AgentTool agentTool && agentTool.textEditor()) {
			var editor = ToolTextEditor20250728.builder().maxCharacters((long) ClaudeAgent.MAX_TOOL_RESULT_CHARS);
			if (cache != null) {
				editor.cacheControl(cache);
			}
			return ToolUnion.ofTextEditor20250728(editor.build());
		}
		String name = tool instanceof AgentTool t ? t.name() : ((FinalAnswer) tool).name();
		String description = tool instanceof AgentTool t ? t.description() : ((FinalAnswer) tool).description();
		Map<String, Object> schema = tool instanceof AgentTool t ? t.inputSchema() : ((FinalAnswer) tool).inputSchema();
		Tool.InputSchema.Builder input = Tool.InputSchema.builder();
		Tool.InputSchema.Properties.Builder properties = Tool.InputSchema.Properties.builder();
		@SuppressWarnings("unchecked")
		Map<String, Object> props = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
		props.forEach((key, value) -> properties.putAdditionalProperty(key, JsonValue.from(value)));
		input.properties(properties.build());
		if (schema.get("required") instanceof List<?> required) {
			input.required(required.stream().map(String::valueOf).toList());
		}
		schema.forEach((key, value) -> {
			if (!key.equals("properties") && !key.equals("required") && !key.equals("type")) {
				input.putAdditionalProperty(key, JsonValue.from(value));
			}
		});
		Tool.Builder builder = Tool.builder().name(name).description(description).inputSchema(input.build());
		if (cache != null) {
			builder.cacheControl(cache);
		}
		return ToolUnion.ofTool(builder.build());
	}


}
