/**
 * The harness: starts each contender's server JVM in turn, drives the scenarios with the load
 * generator, interleaves contenders over repetitions and writes the report and the raw results.
 */
@NullMarked
package dev.wspair.benchmarks.harness;

import org.jspecify.annotations.NullMarked;
