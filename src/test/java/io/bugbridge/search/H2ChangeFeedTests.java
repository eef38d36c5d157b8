package io.bugbridge.search;

import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnH2;

@ApiTest
@OnH2
class H2ChangeFeedTests extends ChangeFeedContract {
}
