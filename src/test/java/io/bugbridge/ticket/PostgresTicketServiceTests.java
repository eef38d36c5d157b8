package io.bugbridge.ticket;

import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnPostgres;

@ApiTest
@OnPostgres
class PostgresTicketServiceTests extends TicketServiceContract {
}
