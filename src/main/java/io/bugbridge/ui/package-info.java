/**
 * The browser pages, served by the same jar: the customers' Support Center (filing bug reports,
 * feature requests and support tickets, following them up) and the admins' dashboard (live
 * statistics, filtering, managing tickets, bug analysis). Server-rendered Thymeleaf with htmx;
 * controllers call the modules' services directly, never the HTTP API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web UI")
package io.bugbridge.ui;
