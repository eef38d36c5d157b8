package io.bugbridge.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwards TCP connections to a server until {@link #cut()}: then every open connection is reset
 * and new ones are refused. Put between a node and its database, it makes the node die as a
 * killed process does, as far as the database can tell: whatever the node still tries to write
 * after the cut is lost, while the JVM the test runs in lives on.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final String targetHost;

	private final int targetPort;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile boolean cut;

	private TcpProxy(String targetHost, int targetPort) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "tcp-proxy-" + listener.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public static TcpProxy to(String host, int port) {
		try {
			return new TcpProxy(host, port);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A JDBC URL like {@code jdbc:postgresql://host:port/db?...} pointed at a new proxy for its server. */
	public static TcpProxy forJdbcUrl(String url) {
		java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
		return to(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
	}

	/** The JDBC URL with its server replaced by this proxy. */
	public String rewrite(String url) {
		java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
		String authority = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
		return url.replaceFirst(java.util.regex.Pattern.quote("//" + authority), "//127.0.0.1:" + port());
	}

	public int port() {
		return listener.getLocalPort();
	}

	/** Resets every connection and refuses new ones, for good. */
	public void cut() {
		cut = true;
		close();
	}

	@Override
	public void close() {
		cut = true;
		try {
			listener.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		for (Socket socket : sockets) {
			try {
				// A reset, not an orderly close: the node sees a broken connection, as after a crash.
				socket.setSoLinger(true, 0);
				socket.close();
			}
			catch (IOException ex) {
				// already gone
			}
		}
	}

	private void accept() {
		while (!cut) {
			Socket client;
			try {
				client = listener.accept();
			}
			catch (IOException ex) {
				return; // the listener was closed
			}
			try {
				sockets.add(client);
				Socket server = new Socket(targetHost, targetPort);
				sockets.add(server);
				if (cut) {
					close();
					return;
				}
				pump(client, server);
				pump(server, client);
			}
			catch (IOException ex) {
				// the target refused: so does the proxy
				closeQuietly(client);
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side went away: the other is closed below
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "tcp-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already gone
		}
	}

}
