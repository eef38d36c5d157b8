/**
 * HTTP concerns shared by every API: problem+json errors, request size limits, parameter
 * conversion and the OpenAPI description.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package io.bugbridge.web;
