package io.bugbridge.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** Small real images for upload tests, drawn in memory (and written to disk for the browser tests). */
public final class TestImages {

	private TestImages() {
	}

	public static byte[] png() {
		return draw("png", new Color(36, 86, 214));
	}

	public static byte[] jpeg() {
		return draw("jpg", new Color(47, 158, 102));
	}

	public static byte[] gif() {
		return draw("gif", new Color(208, 135, 0));
	}

	/** Only a WebP header (RIFF ... WEBP): the server recognises formats, it never decodes them. */
	public static byte[] webpHeader() {
		byte[] bytes = new byte[32];
		System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
		System.arraycopy("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 0, bytes, 8, 8);
		return bytes;
	}

	public static Path write(Path directory, String name, byte[] content) {
		try {
			Files.createDirectories(directory);
			return Files.write(directory.resolve(name), content).toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] draw(String format, Color color) {
		BufferedImage image = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.WHITE);
		graphics.fillRect(0, 0, 320, 200);
		graphics.setColor(color);
		graphics.fillRect(20, 20, 280, 40);
		graphics.fillOval(120, 90, 80, 80);
		graphics.dispose();
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("No ImageIO writer for " + format);
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
