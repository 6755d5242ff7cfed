/**
 * The comparison servers, one contender per JVM: raw Reactor Netty, raw Spring WebFlux and wspair
 * echo servers, and the two chat-room servers. {@link dev.wspair.benchmarks.server.BenchServer} is
 * the main class the harness starts.
 */
@NullMarked
package dev.wspair.benchmarks.server;

import org.jspecify.annotations.NullMarked;
