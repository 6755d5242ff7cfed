/**
 * Micrometer meters and Workers-style usage accounting for wspair connections, tagged by route
 * template, and meters of the Durable Objects runtime, tagged by namespace; active only when a
 * {@code MeterRegistry} exists.
 */
@NullMarked
package dev.wspair.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
