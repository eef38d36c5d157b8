package io.bugbridge.admin;

import io.bugbridge.notify.AdminNotifications;
import io.bugbridge.sla.SlaBreached;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells admins of SLA breaches, queued in the transaction that recorded the breach. */
@Component
class AdminAlertForwarding {

	private final AdminNotifications notifications;

	AdminAlertForwarding(AdminNotifications notifications) {
		this.notifications = notifications;
	}

	@EventListener
	void on(SlaBreached breach) {
		notifications.slaBreached(breach.ticket().key(), breach.clock().replace('_', ' '), breach.due());
	}

}
