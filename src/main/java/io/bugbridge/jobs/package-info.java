/**
 * The background job runner (db-scheduler on the application's database): durable one-time jobs
 * and cluster-safe recurring jobs for every module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Jobs")
package io.bugbridge.jobs;
