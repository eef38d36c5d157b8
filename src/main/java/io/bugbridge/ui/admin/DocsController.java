package io.bugbridge.ui.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.node.Code;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The operator documentation (docs/*.md, packed into the jar) for admins, so that a page saying
 * what to configure can link to the reference instead of leaving the admin to find it. Only the
 * known pages; headings get GitHub's anchors, so links into sections work as they do there.
 */
@Controller
class DocsController {

	static final Set<String> PAGES = Set.of("configuration", "ai", "api", "operations", "reliability", "architecture",
			"benchmarks");

	private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

	private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();

	private final HtmlRenderer renderer = HtmlRenderer.builder()
		.extensions(EXTENSIONS)
		.escapeHtml(true)
		.sanitizeUrls(true)
		.attributeProviderFactory(context -> new HeadingAnchors())
		.build();

	@GetMapping("/admin/docs/{page}")
	String page(@PathVariable String page, Model model) throws IOException {
		if (!PAGES.contains(page)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no documentation page '" + page + "'.");
		}
		ClassPathResource resource = new ClassPathResource("docs/" + page + ".md");
		if (!resource.exists()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "The documentation is not packed into this build.");
		}
		String markdown;
		try (InputStream in = resource.getInputStream()) {
			markdown = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		model.addAttribute("page", page);
		model.addAttribute("html", renderer.render(parser.parse(markdown)));
		return "ui/admin/docs";
	}

	/** GitHub's heading ids: lower case, punctuation dropped, spaces as hyphens. */
	static String anchor(String heading) {
		return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").strip().replace(' ', '-');
	}

	private static final class HeadingAnchors implements AttributeProvider {

		@Override
		public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
			if (node instanceof Heading) {
				StringBuilder text = new StringBuilder();
				for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
					if (child instanceof Text t) {
						text.append(t.getLiteral());
					}
					else if (child instanceof Code c) {
						text.append(c.getLiteral());
					}
				}
				attributes.put("id", anchor(text.toString()));
			}
		}

	}

}
