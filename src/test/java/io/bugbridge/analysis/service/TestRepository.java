package io.bugbridge.analysis.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/** A small shop application in a real git repository, for analyses to read. */
final class TestRepository {

	private final Path directory;

	private TestRepository(Path directory) {
		this.directory = directory;
	}

	static TestRepository create(Path directory) throws IOException, GitAPIException {
		TestRepository repository = new TestRepository(directory);
		try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call()) {
			repository.write("src/main/java/shop/PaymentService.java", """
					package shop;

					public class PaymentService {
						public Receipt charge(Order order) {
							if (order.total() == null) {
								throw new IllegalStateException("Order total missing");
							}
							return new Receipt(order.id(), order.total());
						}
					}
					""");
			repository.write("src/main/java/shop/CartController.java", """
					package shop;

					public class CartController {
						private final PaymentService payments = new PaymentService();

						public String checkout(Order order) {
							return payments.charge(order).id();
						}
					}
					""");
			repository.write("src/main/java/shop/Receipt.java", "package shop;\n\npublic record Receipt(String id, Long total) {\n}\n");
			repository.write("scripts/export_invoices.py", """
					import csv


					def export_invoices(invoices, path):
					    with open(path, "w") as handle:
					        writer = csv.writer(handle)
					        for invoice in invoices:
					            writer.writerow([invoice.number, invoice.amount.currency])
					""");
			repository.write("web/src/login.ts", """
					export function login(user: string, password: string): Promise<Response> {
					  return fetch('/api/login', { method: 'POST', body: JSON.stringify({ user, password }) });
					}
					""");
			git.add().addFilepattern(".").call();
			git.commit().setMessage("Shop with payments, invoice export and login").setAuthor("dev", "dev@shop.example").call();
		}
		return repository;
	}

	void commit(String path, String content, String message) throws IOException, GitAPIException {
		write(path, content);
		try (Git git = Git.open(directory.toFile())) {
			git.add().addFilepattern(".").call();
			git.commit().setMessage(message).setAuthor("dev", "dev@shop.example").call();
		}
	}

	Path directory() {
		return directory;
	}

	private void write(String path, String content) throws IOException {
		Path file = directory.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

}
