/**
 * The load generator: raw Netty WebSocket client connections on one event loop, with closed-loop,
 * open-loop (coordinated-omission-free) and room behaviours recording into HdrHistograms.
 */
@NullMarked
package dev.wspair.benchmarks.load;

import org.jspecify.annotations.NullMarked;
