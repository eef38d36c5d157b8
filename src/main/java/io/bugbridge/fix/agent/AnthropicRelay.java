package io.bugbridge.fix.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way out of the Claude Code sandbox: a Unix domain socket (bound read-only into the
 * sandbox, which keeps {@code --unshare-net}) whose HTTP requests are sent to
 * {@code bugbridge.ai.base-url} and nowhere else. The real API key is added here, so it never enters
 * the sandbox (the CLI inside holds a dummy key); whatever key or authorization the request carries
 * is dropped. Requests outside the API ({@code /v1/...}, plus the CLI's {@code HEAD /} reachability
 * check) are refused. Only the request head is parsed: each connection carries one request
 * ({@code Connection: close} both ways), body and response are streamed through unchanged, so
 * server-sent events arrive as they are sent.
 *
 * <p>Inside the sandbox a few lines of Node ({@link #FORWARDER}) listen on 127.0.0.1 and pipe each TCP
 * connection to the socket, so the CLI simply gets {@code ANTHROPIC_BASE_URL=http://127.0.0.1:<port>}.
 */
final class AnthropicRelay implements AutoCloseable {

	static final String SOCKET = "api.sock";

	static final String SCRIPT = "relay.js";

	/**
	 * TCP on 127.0.0.1 to the Unix socket. Writes the port it got (to the file named by its second
	 * argument) once it listens; exits when its parent is gone, so it never outlives the CLI.
	 */
	static final String FORWARDER = """
			const net = require('net'), fs = require('fs');
			const [socket, portFile] = process.argv.slice(2);
			const parent = process.ppid;
			const server = net.createServer(client => {
			  const api = net.connect(socket);
			  client.pipe(api); api.pipe(client);
			  client.on('error', () => api.destroy()); api.on('error', () => client.destroy());
			});
			server.listen(0, '127.0.0.1', () => {
			  fs.writeFileSync(portFile + '.tmp', String(server.address().port));
			  fs.renameSync(portFile + '.tmp', portFile);
			});
			setInterval(() => { if (process.ppid !== parent) process.exit(0); }, 500).unref();
			process.on('SIGTERM', () => process.exit(0));
			""";

	private static final Logger log = LoggerFactory.getLogger(AnthropicRelay.class);

	private static final int MAX_HEAD = 64 * 1024;

	private static final int UPSTREAM_READ_TIMEOUT_MILLIS = 10 * 60 * 1000;

	private final Path directory;

	private final ServerSocketChannel server;

	private final URI upstream;

	private final String apiKey;

	private final Consumer<String> refusals;

	private final List<String> forwarded = new CopyOnWriteArrayList<>();

	private volatile boolean closed;

	private AnthropicRelay(Path directory, ServerSocketChannel server, URI upstream, String apiKey,
			Consumer<String> refusals) {
		this.directory = directory;
		this.server = server;
		this.upstream = upstream;
		this.apiKey = apiKey;
		this.refusals = refusals;
	}

	/**
	 * A fresh directory (short, as socket paths are limited to about 100 bytes) with the socket and
	 * the forwarder script.
	 */
	static AnthropicRelay open(String baseUrl, String apiKey, Consumer<String> refusals) throws IOException {
		URI upstream = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
		if (upstream.getHost() == null || !List.of("http", "https").contains(upstream.getScheme())) {
			throw new IOException("bugbridge.ai.base-url must be an http(s) URL, was " + baseUrl);
		}
		Path directory = Files.createTempDirectory(Path.of("/tmp"), "bb-relay").toRealPath();
		Files.writeString(directory.resolve(SCRIPT), FORWARDER);
		ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		server.bind(UnixDomainSocketAddress.of(directory.resolve(SOCKET)));
		AnthropicRelay relay = new AnthropicRelay(directory, server, upstream, apiKey, refusals);
		Thread acceptor = new Thread(relay::accept, "anthropic-relay-" + directory.getFileName());
		acceptor.setDaemon(true);
		acceptor.start();
		return relay;
	}

	/** The directory to bind into the sandbox (read-only is enough to connect to the socket). */
	Path directory() {
		return directory;
	}

	/** Request lines forwarded so far, e.g. {@code POST /v1/messages?beta=true}. */
	List<String> forwarded() {
		return List.copyOf(forwarded);
	}

	private void accept() {
		while (!closed) {
			try {
				SocketChannel client = server.accept();
				Thread handler = new Thread(() -> handle(client), "anthropic-relay-connection");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				if (!closed) {
					log.debug("Anthropic relay stopped accepting", ex);
				}
				return;
			}
		}
	}

	private void handle(SocketChannel client) {
		try (client) {
			ByteBuffer buffer = ByteBuffer.allocate(MAX_HEAD);
			int end = readHead(client, buffer);
			if (end < 0) {
				return;
			}
			String head = new String(buffer.array(), 0, end, StandardCharsets.ISO_8859_1);
			String[] lines = head.split("\r\n");
			String[] requestLine = lines[0].split(" ");
			if (requestLine.length != 3 || !requestLine[1].startsWith("/")) {
				refuse(client, lines[0], 400, "malformed request");
				return;
			}
			String method = requestLine[0].toUpperCase(Locale.ROOT);
			String target = requestLine[1];
			boolean api = target.startsWith("/v1/") && List.of("GET", "POST").contains(method);
			boolean reachability = method.equals("HEAD") && target.equals("/");
			if (!api && !reachability) {
				refuse(client, method + " " + target, 403, "only the Anthropic API is reachable from the sandbox");
				return;
			}
			forwarded.add(method + " " + target);
			try (Socket server = connect()) {
				OutputStream toServer = server.getOutputStream();
				toServer.write(rewriteRequest(method, target, lines).getBytes(StandardCharsets.ISO_8859_1));
				toServer.write(buffer.array(), end, buffer.position() - end);
				toServer.flush();
				Thread body = new Thread(() -> copy(client, toServer), "anthropic-relay-body");
				body.setDaemon(true);
				body.start();
				relayResponse(server.getInputStream(), client);
			}
		}
		catch (IOException ex) {
			log.debug("Anthropic relay connection ended: {}", ex.getMessage());
		}
	}

	/** Reads until the blank line after the headers; the position ends after whatever body bytes came with it. */
	private static int readHead(SocketChannel channel, ByteBuffer buffer) throws IOException {
		int scanned = 0;
		while (buffer.hasRemaining()) {
			if (channel.read(buffer) < 0) {
				return -1;
			}
			byte[] bytes = buffer.array();
			for (int i = Math.max(0, scanned - 3); i + 3 < buffer.position(); i++) {
				if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
					return i + 4;
				}
			}
			scanned = buffer.position();
		}
		return -1;
	}

	private String rewriteRequest(String method, String target, String[] lines) {
		String path = upstream.getRawPath() == null ? "" : upstream.getRawPath();
		StringBuilder request = new StringBuilder(method).append(' ').append(path).append(target).append(" HTTP/1.1\r\n");
		for (int i = 1; i < lines.length; i++) {
			String line = lines[i];
			int colon = line.indexOf(':');
			String name = colon < 0 ? "" : line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
			if (name.isEmpty() || List.of("host", "x-api-key", "authorization", "connection", "keep-alive",
					"proxy-authorization", "proxy-connection").contains(name)) {
				continue;
			}
			request.append(line).append("\r\n");
		}
		request.append("Host: ").append(hostHeader()).append("\r\n");
		request.append("x-api-key: ").append(apiKey).append("\r\n");
		request.append("Connection: close\r\n\r\n");
		return request.toString();
	}

	private String hostHeader() {
		int port = upstream.getPort();
		return port < 0 ? upstream.getHost() : upstream.getHost() + ":" + port;
	}

	private Socket connect() throws IOException {
		boolean tls = upstream.getScheme().equals("https");
		int port = upstream.getPort() > 0 ? upstream.getPort() : tls ? 443 : 80;
		Socket socket;
		if (tls) {
			SSLSocket ssl = (SSLSocket) SSLSocketFactory.getDefault().createSocket();
			SSLParameters parameters = ssl.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			ssl.setSSLParameters(parameters);
			socket = ssl;
		}
		else {
			socket = new Socket();
		}
		socket.connect(new InetSocketAddress(upstream.getHost(), port), 30_000);
		socket.setSoTimeout(UPSTREAM_READ_TIMEOUT_MILLIS);
		return socket;
	}

	/** The response head with {@code Connection: close}, then the body as it arrives. */
	private static void relayResponse(InputStream fromServer, SocketChannel client) throws IOException {
		ByteArrayHead head = ByteArrayHead.read(fromServer);
		if (head == null) {
			return;
		}
		StringBuilder rewritten = new StringBuilder();
		for (String line : head.text().split("\r\n")) {
			String name = line.contains(":") ? line.substring(0, line.indexOf(':')).strip().toLowerCase(Locale.ROOT) : "";
			if (!name.equals("connection") && !name.equals("keep-alive")) {
				rewritten.append(line).append("\r\n");
			}
		}
		rewritten.append("Connection: close\r\n\r\n");
		write(client, rewritten.toString().getBytes(StandardCharsets.ISO_8859_1), rewritten.length());
		write(client, head.rest(), head.rest().length);
		byte[] chunk = new byte[16 * 1024];
		int read;
		while ((read = fromServer.read(chunk)) >= 0) {
			write(client, chunk, read);
		}
	}

	private static void copy(SocketChannel from, OutputStream to) {
		ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
		try {
			while (from.read(buffer) >= 0) {
				to.write(buffer.array(), 0, buffer.position());
				to.flush();
				buffer.clear();
			}
		}
		catch (IOException ex) {
			// The response is complete or the client went away; either way the exchange is over.
		}
	}

	private static void write(SocketChannel channel, byte[] bytes, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}

	private void refuse(SocketChannel client, String request, int status, String why) throws IOException {
		refusals.accept(request + ": " + why);
		String body = "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"" + why + "\"}}";
		String response = "HTTP/1.1 " + status + " Refused\r\nContent-Type: application/json\r\nContent-Length: "
				+ body.length() + "\r\nConnection: close\r\n\r\n" + body;
		write(client, response.getBytes(StandardCharsets.ISO_8859_1), response.length());
	}

	@Override
	public void close() {
		closed = true;
		try {
			server.close();
		}
		catch (IOException ex) {
			// Nothing left to release.
		}
		try (var files = Files.list(directory)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(directory);
		}
		catch (IOException ex) {
			// A leftover socket file in the temp directory is harmless.
		}
	}

	/** A response head read byte by byte-block, with what came after it. */
	private record ByteArrayHead(String text, byte[] rest) {

		static ByteArrayHead read(InputStream in) throws IOException {
			byte[] buffer = new byte[MAX_HEAD];
			int length = 0;
			while (length < buffer.length) {
				int read = in.read(buffer, length, buffer.length - length);
				if (read < 0) {
					return null;
				}
				int from = Math.max(0, length - 3);
				length += read;
				for (int i = from; i + 3 < length; i++) {
					if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
						byte[] rest = new byte[length - i - 4];
						System.arraycopy(buffer, i + 4, rest, 0, rest.length);
						return new ByteArrayHead(new String(buffer, 0, i, StandardCharsets.ISO_8859_1), rest);
					}
				}
			}
			throw new IOException("response head too long");
		}

	}

}
