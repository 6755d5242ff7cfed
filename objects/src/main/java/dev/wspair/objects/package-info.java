/**
 * Durable Objects for wspair, after Cloudflare's: {@link dev.wspair.objects.ObjectNamespaces}
 * runs single-threaded, addressable objects ({@link dev.wspair.objects.DurableObject}) reached
 * through {@link dev.wspair.objects.ObjectNamespace} stubs, with transactional storage
 * ({@link dev.wspair.objects.DurableObjectStorage}) whose writes commit at the end of each event
 * before the frames the event sent leave, alarms, and the WebSocket hibernation API of
 * {@link dev.wspair.objects.DurableObjectState}.
 */
@NullMarked
package dev.wspair.objects;

import org.jspecify.annotations.NullMarked;
