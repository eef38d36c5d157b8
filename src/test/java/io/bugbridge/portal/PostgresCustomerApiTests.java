package io.bugbridge.portal;

import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnPostgres;

/** The customer API on PostgreSQL. */
@ApiTest
@OnPostgres
class PostgresCustomerApiTests extends CustomerApiContract {
}
