package dev.wspair.objects;

/**
 * A snapshot of one object this process keeps, from {@link ObjectNamespace#objects()}: one with a
 * live instance, or an evicted one kept for its hibernatable sockets or alarm (Workers'
 * hibernated object).
 *
 * @param namespace the namespace name
 * @param id the object id
 * @param live whether its instance is in memory; {@code false} once evicted
 * @param sockets its hibernatable sockets
 */
public record ObjectInfo(String namespace, ObjectId id, boolean live, int sockets) {
}
