package dev.wspair.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.wspair.objects.ObjectInfo;
import dev.wspair.objects.ObjectNamespace;
import dev.wspair.objects.ObjectNamespaces;
import org.jspecify.annotations.Nullable;

/**
 * The {@code objects} section of the {@code wspair} endpoint: per namespace, how many objects are
 * live (in memory) or evicted (hibernated, kept for their sockets or alarm) and how many
 * hibernatable sockets they hold, then one page of the objects, by namespace and id. Workers'
 * dashboard lists a namespace's objects the same way.
 */
public final class ObjectsEndpointContributor implements WspairEndpointContributor {

    private final ObjectNamespaces runtime;

    /**
     * Creates the contributor.
     * @param runtime the runtime whose objects are listed
     */
    public ObjectsEndpointContributor(ObjectNamespaces runtime) {
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return "objects";
    }

    @Override
    public ObjectsSection describe(int page, int size) {
        Map<String, NamespaceDescriptor> namespaces = new LinkedHashMap<>();
        List<ObjectInfo> objects = this.runtime.namespaces().stream().flatMap(namespace -> describe(namespace, namespaces)).toList();
        int from = (int) Math.min((long) page * size, objects.size());
        List<ObjectDescriptor> content = objects.subList(from, (int) Math.min((long) from + size, objects.size()))
            .stream()
            .map(ObjectDescriptor::of)
            .toList();
        return new ObjectsSection(namespaces, page, size, objects.size(), content);
    }

    private static Stream<ObjectInfo> describe(ObjectNamespace<?> namespace, Map<String, NamespaceDescriptor> namespaces) {
        List<ObjectInfo> objects = namespace.objects();
        long live = objects.stream().filter(ObjectInfo::live).count();
        long sockets = objects.stream().mapToLong(ObjectInfo::sockets).sum();
        namespaces.put(namespace.name(), new NamespaceDescriptor(live, objects.size() - live, sockets));
        return objects.stream();
    }

    /**
     * The {@code objects} section.
     * @param namespaces every namespace by name, in name order
     * @param page the page number, from 0
     * @param size the page size
     * @param total objects on all pages
     * @param content the objects of this page
     */
    public record ObjectsSection(Map<String, NamespaceDescriptor> namespaces, int page, int size, int total,
            List<ObjectDescriptor> content) {
    }

    /**
     * One namespace's objects in this process.
     * @param live objects whose instance is in memory
     * @param evicted objects evicted from memory but kept for their hibernatable sockets or alarm
     * @param sockets hibernatable sockets of its objects
     */
    public record NamespaceDescriptor(long live, long evicted, long sockets) {
    }

    /**
     * One object.
     * @param namespace its namespace
     * @param id its id, 64 hex digits
     * @param name the name its id was made from with {@code idFromName}, or {@code null}
     * @param state {@code live} or {@code evicted}
     * @param sockets its hibernatable sockets
     */
    public record ObjectDescriptor(String namespace, String id, @Nullable String name, String state, int sockets) {

        static ObjectDescriptor of(ObjectInfo info) {
            return new ObjectDescriptor(info.namespace(), info.id().toString(), info.id().name(), info.live() ? "live" : "evicted",
                    info.sockets());
        }
    }
}
