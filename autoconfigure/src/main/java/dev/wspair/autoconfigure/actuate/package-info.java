/**
 * Actuator support for wspair: the {@code wspair} endpoint listing routes, usage and open sockets
 * (and closing one), and the {@code wspair} health indicator reporting outbound queue saturation.
 */
@NullMarked
package dev.wspair.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
