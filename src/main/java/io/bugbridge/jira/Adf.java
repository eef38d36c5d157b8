package io.bugbridge.jira;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Atlassian Document Format, the rich text of Jira's v3 API, both ways: plain text (what
 * BugBridge stores) to ADF with sections, and ADF back to plain text. Lines become hard breaks,
 * blank lines new paragraphs; ADF forbids empty text nodes, so none are written.
 */
final class Adf {

	private final ObjectNode doc = JiraClient.JSON.createObjectNode();

	private final ArrayNode content;

	private Adf() {
		doc.put("type", "doc");
		doc.put("version", 1);
		content = doc.putArray("content");
	}

	static Adf document() {
		return new Adf();
	}

	/** A document of just this text (a comment). */
	static ObjectNode text(String text) {
		Adf adf = document().paragraphs(text);
		if (adf.content.isEmpty()) {
			adf.paragraphs("(empty)");
		}
		return adf.build();
	}

	Adf heading(String title) {
		ObjectNode heading = content.addObject();
		heading.put("type", "heading");
		heading.putObject("attrs").put("level", 3);
		heading.putArray("content").addObject().put("type", "text").put("text", title);
		return this;
	}

	/** A heading and the text under it; nothing at all when the text is empty. */
	Adf section(String title, String text) {
		if (text == null || text.isBlank()) {
			return this;
		}
		return heading(title).paragraphs(text);
	}

	/** A "label: value" line with the label in bold; nothing when the value is empty. */
	Adf field(String label, String value) {
		if (value == null || value.isBlank()) {
			return this;
		}
		ObjectNode paragraph = content.addObject();
		paragraph.put("type", "paragraph");
		ArrayNode inline = paragraph.putArray("content");
		ObjectNode strong = inline.addObject();
		strong.put("type", "text").put("text", label + ": ");
		strong.putArray("marks").addObject().put("type", "strong");
		inline.addObject().put("type", "text").put("text", value);
		return this;
	}

	Adf paragraphs(String text) {
		if (text == null || text.isBlank()) {
			return this;
		}
		for (String block : text.replace("\r\n", "\n").split("\n\\s*\n")) {
			if (block.isBlank()) {
				continue;
			}
			ObjectNode paragraph = content.addObject();
			paragraph.put("type", "paragraph");
			ArrayNode inline = paragraph.putArray("content");
			String[] lines = block.split("\n");
			for (int i = 0; i < lines.length; i++) {
				if (i > 0) {
					inline.addObject().put("type", "hardBreak");
				}
				if (!lines[i].isEmpty()) {
					inline.addObject().put("type", "text").put("text", lines[i]);
				}
			}
		}
		return this;
	}

	ObjectNode build() {
		return doc;
	}

	/** The text of an ADF document (or of a plain string, as old payloads have). */
	static String toText(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isString()) {
			return node.asString();
		}
		StringBuilder out = new StringBuilder();
		appendBlocks(node.path("content"), out);
		String text = out.toString().strip();
		return text.isEmpty() ? null : text;
	}

	private static void appendBlocks(JsonNode blocks, StringBuilder out) {
		for (JsonNode block : blocks) {
			String type = block.path("type").asString("");
			switch (type) {
				case "paragraph", "heading" -> {
					appendInline(block.path("content"), out);
					out.append("\n\n");
				}
				case "bulletList", "orderedList" -> {
					int n = 1;
					for (JsonNode item : block.path("content")) {
						StringBuilder itemText = new StringBuilder();
						appendBlocks(item.path("content"), itemText);
						out.append(type.equals("orderedList") ? (n++) + ". " : "- ").append(itemText.toString().strip())
							.append('\n');
					}
					out.append('\n');
				}
				case "codeBlock", "blockquote", "panel" -> {
					if (type.equals("codeBlock")) {
						appendInline(block.path("content"), out);
						out.append("\n\n");
					}
					else {
						appendBlocks(block.path("content"), out);
					}
				}
				case "rule" -> out.append("---\n\n");
				default -> {
					if (block.has("content")) {
						appendBlocks(block.path("content"), out);
					}
					else {
						appendInline(JiraClient.JSON.createArrayNode().add(block), out);
					}
				}
			}
		}
	}

	private static void appendInline(JsonNode inline, StringBuilder out) {
		for (JsonNode node : inline) {
			switch (node.path("type").asString("")) {
				case "text" -> out.append(node.path("text").asString(""));
				case "hardBreak" -> out.append('\n');
				case "mention" -> out.append(node.path("attrs").path("text").asString("@someone"));
				case "emoji" -> out.append(node.path("attrs").path("text").asString(""));
				case "inlineCard" -> out.append(node.path("attrs").path("url").asString(""));
				default -> appendInline(node.path("content"), out);
			}
		}
	}

}
