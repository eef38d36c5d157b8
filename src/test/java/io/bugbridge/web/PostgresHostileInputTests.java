package io.bugbridge.web;

import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnPostgres;

/** Hostile input on PostgreSQL. */
@ApiTest
@OnPostgres
class PostgresHostileInputTests extends HostileInputContract {
}
