package io.bugbridge.admin;

import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnPostgres;

@ApiTest
@OnPostgres
class PostgresAdminApiTests extends AdminApiContract {
}
