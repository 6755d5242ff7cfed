/**
 * The wspair benchmarks: comparison servers ({@code server}), a raw Netty load generator
 * ({@code load}) and the harness that runs every scenario side by side ({@code harness}).
 */
@NullMarked
package dev.wspair.benchmarks;

import org.jspecify.annotations.NullMarked;
