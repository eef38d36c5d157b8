/** Customer feedback: satisfaction ratings of resolved tickets (CSAT) and votes on feature requests. */
@org.springframework.modulith.ApplicationModule(displayName = "Feedback")
package io.bugbridge.feedback;
