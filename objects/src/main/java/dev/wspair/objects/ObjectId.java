package dev.wspair.objects;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The id of one Durable Object: 64 lowercase hex digits, as Workers'. Like Workers', an id is 16
 * bytes that name the object followed by a 16-byte code that binds it to its namespace, so
 * {@code idFromString} rejects ids of other namespaces. Ids made with {@code idFromName} also
 * carry the name.
 */
public final class ObjectId {

    static final String INVALID = "Invalid Durable Object ID: must be 64 hex digits";

    static final String OTHER_NAMESPACE = "Durable Object ID is not valid for this namespace.";

    private static final HexFormat HEX = HexFormat.of();

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String hex;

    private final @Nullable String name;

    private ObjectId(String hex, @Nullable String name) {
        this.hex = hex;
        this.name = name;
    }

    static ObjectId fromName(String namespace, String name) {
        byte[] base = new byte[16];
        System.arraycopy(mac(namespace, ("name:" + name).getBytes(StandardCharsets.UTF_8)), 0, base, 0, 16);
        return of(namespace, base, name);
    }

    static ObjectId unique(String namespace) {
        byte[] base = new byte[16];
        RANDOM.nextBytes(base);
        return of(namespace, base, null);
    }

    static ObjectId fromString(String namespace, String hex) {
        if (hex.length() != 64 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException(INVALID);
        }
        byte[] bytes = HEX.parseHex(hex);
        byte[] base = new byte[16];
        System.arraycopy(bytes, 0, base, 0, 16);
        if (!of(namespace, base, null).hex.equals(hex)) {
            throw new IllegalArgumentException(OTHER_NAMESPACE);
        }
        return new ObjectId(hex, null);
    }

    private static ObjectId of(String namespace, byte[] base, @Nullable String name) {
        byte[] id = new byte[32];
        System.arraycopy(base, 0, id, 0, 16);
        System.arraycopy(mac(namespace, base), 0, id, 16, 16);
        return new ObjectId(HEX.formatHex(id), name);
    }

    private static byte[] mac(String namespace, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("wspair-namespace:" + namespace).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", ex);
        }
    }

    /**
     * The name given to {@code idFromName}, as Workers' {@code id.name}.
     * @return the name, or {@code null} for ids from {@code newUniqueId} or {@code idFromString}
     */
    public @Nullable String name() {
        return this.name;
    }

    /**
     * The 64 lowercase hex digits, accepted by {@code idFromString}.
     * @return the id
     */
    @Override
    public String toString() {
        return this.hex;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ObjectId id && id.hex.equals(this.hex);
    }

    @Override
    public int hashCode() {
        return this.hex.hashCode();
    }
}
