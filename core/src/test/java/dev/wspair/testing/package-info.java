/**
 * Test fixtures shared by the test packages: a real Reactor Netty server, a raw-socket WebSocket
 * client for the protocol's edge cases, and the JDK's WebSocket client.
 */
@NullMarked
package dev.wspair.testing;

import org.jspecify.annotations.NullMarked;
