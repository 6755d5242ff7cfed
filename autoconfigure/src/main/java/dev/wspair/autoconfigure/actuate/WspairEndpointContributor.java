package dev.wspair.autoconfigure.actuate;

/**
 * Adds a section to the {@code wspair} actuator endpoint's main response, next to
 * {@code connections}, {@code routes}, {@code usage} and {@code sockets}. Declare one as a bean;
 * the Durable Objects runtime contributes {@code objects} this way
 * ({@link ObjectsEndpointContributor}).
 */
public interface WspairEndpointContributor {

    /**
     * The section's key in the response.
     * @return a name other than the built-in sections'
     */
    String name();

    /**
     * The section's content, computed on every read and serialized as JSON. A section that lists
     * many items pages them as {@code sockets} does, with the request's page and size.
     * @param page the page asked for, from 0
     * @param size items per page, 1 to {@value WspairEndpoint#MAX_PAGE_SIZE}
     * @return the content
     */
    Object describe(int page, int size);
}
