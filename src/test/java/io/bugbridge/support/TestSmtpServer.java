package io.bugbridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server in the test JVM (GreenMail) on a port that stays the same while it is stopped,
 * hung or restarted, so a test can take the mail server away from a running service and bring it
 * back.
 */
public final class TestSmtpServer {

	private final int port;

	private GreenMail greenMail;

	private ServerSocket hung;

	private TestSmtpServer(int port) {
		this.port = port;
	}

	public static TestSmtpServer start() {
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			TestSmtpServer server = new TestSmtpServer(probe.getLocalPort());
			probe.close();
			server.up();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return port;
	}

	/** Serves SMTP (again), keeping the mail received so far only if it never stopped. */
	public synchronized void up() {
		closeHung();
		if (greenMail == null) {
			greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			greenMail.start();
		}
	}

	/**
	 * Accepts connections but never answers: what a mail server that is stuck looks like to a
	 * client, the case where sending synchronously would hold a request the longest.
	 */
	public synchronized void hang() {
		stopGreenMail();
		try {
			hung = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Stops serving for good (frees the port). */
	public synchronized void stop() {
		stopGreenMail();
		closeHung();
	}

	public synchronized List<MimeMessage> messagesTo(String address) {
		List<MimeMessage> messages = new ArrayList<>();
		if (greenMail == null) {
			return messages;
		}
		for (MimeMessage message : greenMail.getReceivedMessages()) {
			try {
				if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
					.anyMatch(to -> to.toString().equalsIgnoreCase(address))) {
					messages.add(message);
				}
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return messages;
	}

	/** The decoded {@code text/plain} or {@code text/html} part of a message. */
	public static String part(MimeMessage message, String mimeType) {
		try {
			String found = find(message, mimeType);
			if (found == null) {
				throw new AssertionError("No " + mimeType + " part in " + message.getSubject());
			}
			return found.replace("\r\n", "\n");
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Subject and every text part, decoded: what a reader could see. */
	public static String everything(MimeMessage message) {
		try {
			return message.getSubject() + "\n" + part(message, "text/plain") + "\n" + part(message, "text/html");
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String find(Part part, String mimeType) throws MessagingException, IOException {
		if (part.isMimeType(mimeType)) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				String found = find(child, mimeType);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private void stopGreenMail() {
		if (greenMail != null) {
			greenMail.stop();
			greenMail = null;
		}
	}

	private void closeHung() {
		if (hung != null) {
			try {
				hung.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			hung = null;
		}
	}

}
