package io.bugbridge.ui.admin;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.web.ErrorResponseException;

/** A service's problem as one sentence for a person: the field messages when there are any. */
final class Problems {

	private Problems() {
	}

	static String sentence(ErrorResponseException ex) {
		var properties = ex.getBody().getProperties();
		if (properties != null && properties.get("errors") instanceof List<?> errors && !errors.isEmpty()) {
			List<String> messages = errors.stream()
				.map(error -> error instanceof Map<?, ?> map ? map.get("message") : null)
				.filter(Objects::nonNull)
				.map(String::valueOf)
				.toList();
			if (!messages.isEmpty()) {
				String text = String.join("; ", messages);
				return Character.toUpperCase(text.charAt(0)) + text.substring(1) + (text.endsWith(".") ? "" : ".");
			}
		}
		return ex.getBody().getDetail();
	}

}
