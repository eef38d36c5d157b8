package io.bugbridge.notify;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the message files under {@code templates/notify/<kind>/}: {@code subject.txt},
 * {@code body.txt} and {@code body.html} for e-mail, {@code slack.txt} for Slack. HTML templates
 * escape every value ({@code th:text}); Slack values are escaped here, since Slack's own markup
 * would otherwise let a ticket summary inject links or mentions.
 *
 * <p>A private engine rather than a shared bean: these templates are this module's, and other
 * modules that render HTML need not see them.
 */
@Component
class Templates {

	private static final String PREFIX = "templates/notify/";

	private final SpringTemplateEngine engine = new SpringTemplateEngine();

	Templates() {
		engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 1));
		engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 2));
	}

	RenderedEmail email(Kind kind, Map<String, String> model) {
		Context context = context(model);
		String subject = oneLine(engine.process(kind.code() + "/subject.txt", context));
		return new RenderedEmail(subject, engine.process(kind.code() + "/body.txt", context),
				engine.process(kind.code() + "/body.html", context));
	}

	String slack(Kind kind, Map<String, String> model) {
		Map<String, String> escaped = new HashMap<>();
		model.forEach((name, value) -> escaped.put(name, value == null ? null : escapeForSlack(value)));
		return engine.process(kind.code() + "/slack.txt", context(escaped)).strip();
	}

	/** Slack's text format gives {@code &}, {@code <} and {@code >} a meaning; everything else is literal. */
	static String escapeForSlack(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/** Subjects are headers: no line breaks (header injection) and not too long. */
	static String oneLine(String text) {
		return NotificationLog.abbreviate(text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip(), 200);
	}

	private static Context context(Map<String, String> model) {
		Context context = new Context(Locale.ENGLISH);
		model.forEach(context::setVariable);
		return context;
	}

	private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Templates.class.getClassLoader());
		resolver.setPrefix(PREFIX);
		resolver.setTemplateMode(mode);
		resolver.setResolvablePatterns(Set.of(pattern));
		resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
		resolver.setCheckExistence(true);
		resolver.setCacheable(true);
		resolver.setOrder(order);
		return resolver;
	}

}
