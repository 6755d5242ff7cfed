/**
 * Durable Object fixtures shared by every module's tests (published in wspair-objects' test-jar).
 */
@NullMarked
package dev.wspair.objects.testing;

import org.jspecify.annotations.NullMarked;
