package io.bugbridge.notify;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP with Spring's {@link JavaMailSender}, which Spring Boot creates when
 * {@code spring.mail.host} is set. Without it e-mail is off and nothing is queued for it.
 */
@Component
class EmailChannel {

	private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);

	private final JavaMailSender mail;

	private final String from;

	EmailChannel(ObjectProvider<JavaMailSender> mail, NotifyProperties properties) {
		this.mail = mail.getIfAvailable();
		this.from = properties.from();
		if (this.mail == null) {
			log.info("E-mail notifications are off: no SMTP server is configured (set SPRING_MAIL_HOST to turn them on)");
			return;
		}
		// A typo here would fail every e-mail later; better to refuse to start.
		requireAddress("bugbridge.notify.from", from);
		properties.adminRecipients().forEach(admin -> requireAddress("bugbridge.notify.admin-recipients", admin));
		if (properties.adminRecipients().isEmpty()) {
			log.info("E-mail notifications are on for customers; admins get none (BUGBRIDGE_NOTIFY_ADMIN_RECIPIENTS is empty)");
		}
	}

	private static void requireAddress(String property, String address) {
		try {
			new InternetAddress(address, true);
		}
		catch (AddressException ex) {
			throw new IllegalStateException(
					property + " is not an e-mail address: '" + address + "' (" + ex.getMessage() + ")");
		}
	}

	boolean enabled() {
		return mail != null;
	}

	void send(String to, RenderedEmail email) {
		try {
			MimeMessage message = mail.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(from);
			helper.setTo(to);
			helper.setSubject(email.subject());
			helper.setText(email.text(), email.html());
			// RFC 3834: tells auto-responders (out-of-office replies) not to answer.
			message.setHeader("Auto-Submitted", "auto-generated");
			mail.send(message);
		}
		catch (AddressException | MailParseException ex) {
			throw new DeliveryException("Invalid address: " + describe(ex), true);
		}
		catch (MessagingException | MailException ex) {
			log.debug("Sending e-mail failed", ex);
			throw new DeliveryException(describe(ex), isPermanent(ex));
		}
	}

	/** A rejected recipient (5xx) will be rejected again; a server that is down or busy may recover. */
	private static boolean isPermanent(Exception ex) {
		List<Throwable> causes = new ArrayList<>();
		if (ex instanceof MailSendException send) {
			causes.addAll(List.of(send.getMessageExceptions()));
		}
		causes.add(ex);
		for (Throwable first : causes) {
			for (Throwable cause = first; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
				if (cause instanceof SendFailedException failed && failed.getInvalidAddresses() != null
						&& failed.getInvalidAddresses().length > 0 && (failed.getValidUnsentAddresses() == null
								|| failed.getValidUnsentAddresses().length == 0)) {
					return true;
				}
			}
		}
		return false;
	}

	private static String describe(Exception ex) {
		if (ex instanceof MailAuthenticationException) {
			return "SMTP authentication failed (check SPRING_MAIL_USERNAME/PASSWORD)";
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String detail = root == ex ? String.valueOf(ex.getMessage())
				: ex.getClass().getSimpleName() + ": " + root.getClass().getSimpleName() + ": " + root.getMessage();
		return detail.replaceAll("\\s+", " ").trim();
	}

}
