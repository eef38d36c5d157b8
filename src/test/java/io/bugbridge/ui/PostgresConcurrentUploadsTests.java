package io.bugbridge.ui;

import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnPostgres;

@ApiTest
@OnPostgres
class PostgresConcurrentUploadsTests extends ConcurrentUploadsContract {
}
