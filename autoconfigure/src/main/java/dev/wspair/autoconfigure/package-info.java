/**
 * Spring Boot auto-configuration of wspair: settings from {@code wspair.*} properties, the
 * upgrader behind {@code WebSocketResponse.of(client)}, controller support and a matching
 * {@code WebSocketService}.
 */
@NullMarked
package dev.wspair.autoconfigure;

import org.jspecify.annotations.NullMarked;
