package io.bugbridge.web;

import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnH2;

/** Hostile input on the embedded H2 database. */
@ApiTest
@OnH2
class H2HostileInputTests extends HostileInputContract {
}
