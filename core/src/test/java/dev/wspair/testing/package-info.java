/**
 * Test fixtures shared by every module's tests (published in wspair-core's test-jar): a real
 * Reactor Netty server on a random port, a raw-socket WebSocket client for protocol edge cases,
 * the JDK's WebSocket client, the skip-or-fail rule for tests that need an installed program, and
 * the check of the Grafana dashboard against a Prometheus scrape.
 */
@NullUnmarked
package dev.wspair.testing;

import org.jspecify.annotations.NullUnmarked;
