package io.bugbridge.search;

import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnPostgres;

@ApiTest
@OnPostgres
class PostgresChangeFeedTests extends ChangeFeedContract {
}
