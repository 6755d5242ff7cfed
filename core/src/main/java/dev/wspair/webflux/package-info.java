/**
 * The bridge from {@link dev.wspair.WebSocket} ends onto Spring WebFlux and Reactor Netty: the
 * {@code 101} response for functional endpoints and annotated controllers, one outbound pipeline
 * per connection with a bounded queue, and inbound limits.
 */
@NullMarked
package dev.wspair.webflux;

import org.jspecify.annotations.NullMarked;
