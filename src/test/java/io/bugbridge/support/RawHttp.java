package io.bugbridge.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.0 over a plain socket (no chunked answers to take apart), for requests {@link ApiClient} cannot send: a forged Host header,
 * a request target with broken percent-encoding, a body that is not UTF-8.
 */
public final class RawHttp {

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	/** Sends {@code method target} with the given extra header lines (each "Name: value") and body. */
	public Response send(String method, String target, Map<String, String> headers, byte[] body) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(15_000);
			StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.0\r\n");
			Map<String, String> all = new LinkedHashMap<>();
			all.put("Host", "localhost:" + port);
			all.put("Accept", "application/json, application/problem+json");
			all.put("Connection", "close");
			all.putAll(headers);
			if (body != null) {
				all.put("Content-Length", String.valueOf(body.length));
			}
			all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			head.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			if (body != null) {
				out.write(body);
			}
			out.flush();
			return parse(socket.getInputStream().readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Response parse(byte[] raw) {
		String text = new String(raw, StandardCharsets.UTF_8);
		int end = text.indexOf("\r\n\r\n");
		String head = end < 0 ? text : text.substring(0, end);
		String body = end < 0 ? "" : text.substring(end + 4);
		String[] lines = head.split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
			}
		}
		return new Response(status, headers, body);
	}

	public record Response(int status, Map<String, String> headers, String body) {

		public String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}

		@Override
		public String toString() {
			return status + " " + headers + " " + body;
		}

	}
}
