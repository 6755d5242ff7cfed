/**
 * Test fixtures shared by every module's tests (published in wspair-core's test-jar): a real
 * Reactor Netty server on a random port, a raw-socket WebSocket client for protocol edge cases,
 * and the JDK's WebSocket client.
 */
@NullUnmarked
package dev.wspair.testing;

import org.jspecify.annotations.NullUnmarked;
