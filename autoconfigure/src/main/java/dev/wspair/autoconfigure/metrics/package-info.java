/**
 * Micrometer meters and Workers-style usage accounting for wspair connections, tagged by route
 * template and active only when a {@code MeterRegistry} exists.
 */
@NullMarked
package dev.wspair.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
