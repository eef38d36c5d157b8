package io.bugbridge.notify;

import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnPostgres;

@ApiTest
@OnPostgres
class PostgresNotificationTests extends NotificationContract {
}
