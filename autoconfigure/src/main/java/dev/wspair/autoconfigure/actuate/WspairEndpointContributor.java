package dev.wspair.autoconfigure.actuate;

/**
 * Adds a section to the {@code wspair} actuator endpoint's main response, next to
 * {@code connections}, {@code routes}, {@code usage} and {@code sockets}. Declare one as a bean;
 * the Durable Objects runtime is meant to contribute {@code objects} this way.
 */
public interface WspairEndpointContributor {

    /**
     * The section's key in the response.
     * @return a name other than the built-in sections'
     */
    String name();

    /**
     * The section's content, computed on every read and serialized as JSON.
     * @return the content
     */
    Object describe();
}
