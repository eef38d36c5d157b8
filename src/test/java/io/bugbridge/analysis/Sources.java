package io.bugbridge.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny shop in three languages for the localization tests. */
final class Sources {

	static final Map<String, String> INITIAL = new LinkedHashMap<>();

	static {
		INITIAL.put("src/main/java/com/acme/billing/InvoiceService.java", """
				package com.acme.billing;

				public class InvoiceService {
					private final TaxCalculator taxes = new TaxCalculator();

					public long total(Invoice invoice) {
						return invoice.net() + taxes.rate(invoice.country()) * invoice.net() / 100;
					}
				}
				""");
		INITIAL.put("src/main/java/com/acme/billing/TaxCalculator.java", """
				package com.acme.billing;

				public class TaxCalculator {
					public long rate(String country) {
						return 100 / divisor(country);
					}
					private long divisor(String country) {
						return country.length();
					}
				}
				""");
		INITIAL.put("src/main/java/com/acme/users/UserRepository.java", """
				package com.acme.users;

				public class UserRepository {
					public User findByEmail(String email) {
						return null;
					}
				}
				""");
		INITIAL.put("app/payments/gateway.py", """
				class Gateway:
				    def charge(self, card, amount):
				        return self.client.post("/charges", {"card": card, "amount": amount})
				""");
		INITIAL.put("app/payments/refunds.py", """
				def refund(payment):
				    return payment["amount"]
				""");
		INITIAL.put("web/src/cart/cartStore.ts", """
				export class CartStore {
				  private lines: Map<string, number> = new Map();

				  addItem(productId: string, quantity: number): void {
				    this.lines.set(productId, quantity);
				  }
				}
				""");
		INITIAL.put("web/src/cart/checkout.ts", """
				import { CartStore } from './cartStore';

				export function checkout(store: CartStore): Promise<void> {
				  return fetch('/api/checkout', { method: 'POST' }).then(() => undefined);
				}
				""");
	}

	private Sources() {
	}

}
