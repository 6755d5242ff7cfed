/**
 * Actuator support for wspair: the {@code wspair} endpoint listing routes, usage, open sockets
 * (and closing one) and Durable Objects, the {@code wspair} health indicator reporting outbound
 * queue saturation, and the {@code wspairObjects} one reporting the object store.
 */
@NullMarked
package dev.wspair.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
