package io.bugbridge.portal;

import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnH2;

/** The customer API on the embedded H2 database. */
@ApiTest
@OnH2
class H2CustomerApiTests extends CustomerApiContract {
}
