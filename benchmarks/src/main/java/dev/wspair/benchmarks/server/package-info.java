/**
 * The comparison servers, one contender per JVM: raw Reactor Netty, raw Spring WebFlux and wspair
 * echo servers, the wspair echo on hibernated sockets, and the chat-room servers: raw WebFlux, wspair
 * without storage and the chat sample's Durable Object room. {@link dev.wspair.benchmarks.server.BenchServer} is
 * the main class the harness starts.
 */
@NullMarked
package dev.wspair.benchmarks.server;

import org.jspecify.annotations.NullMarked;
