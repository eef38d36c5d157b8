package io.bugbridge.ui;

import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.ui.ExtendedModelMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page whose database is busy (pool exhausted, too many uploads waiting) says so and offers the way
 * back to the form, instead of "something went wrong" with an error id.
 */
class UiAdviceBusyTests {

	private final UiAdvice advice = new UiAdvice();

	@Test
	void aSubmissionThatMeetsABusyDatabaseGetsA503PageWithTheWayBackToItsForm() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/support/new/support");
		request.addHeader("Referer", "http://localhost/support/new/support");
		request.setServerName("localhost");
		MockHttpServletResponse response = new MockHttpServletResponse();
		ExtendedModelMap model = new ExtendedModelMap();

		String view = advice.busy(new CannotCreateTransactionException("Could not open JDBC Connection"), request,
				response, model);

		assertThat(view).isEqualTo("ui/error");
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		assertThat(model.getAttribute("title")).isEqualTo("Busy right now");
		assertThat((String) model.getAttribute("detail")).contains("nothing was saved");
		assertThat(model.getAttribute("backUrl")).isEqualTo("/support/new/support");
		assertThat(model.getAttribute("errorId")).isNull();
	}

	@Test
	void aPageReadThatMeetsABusyDatabaseGetsA503PageWithoutAForm() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/tickets");
		MockHttpServletResponse response = new MockHttpServletResponse();
		ExtendedModelMap model = new ExtendedModelMap();

		advice.busy(new TransientDataAccessResourceException("Too many uploads are being stored at once"), request,
				response, model);

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(model.getAttribute("backUrl")).isNull();
	}

}
