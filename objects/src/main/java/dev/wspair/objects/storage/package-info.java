/**
 * The storage SPI behind a Durable Object's {@code state.storage()}: {@link dev.wspair.objects.storage.ObjectStore}
 * with the embedded SQLite implementation (the default) and an in-memory one for tests, and the
 * {@link dev.wspair.objects.storage.ValueCodec} that turns stored values into bytes.
 */
@NullMarked
package dev.wspair.objects.storage;

import org.jspecify.annotations.NullMarked;
