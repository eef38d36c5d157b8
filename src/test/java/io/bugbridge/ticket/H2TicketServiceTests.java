package io.bugbridge.ticket;

import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnH2;

@ApiTest
@OnH2
class H2TicketServiceTests extends TicketServiceContract {
}
