package dev.wspair;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** {@link AttachmentCodec#standard()}: a compact tagged binary form of plain Java values. */
final class StandardAttachmentCodec implements AttachmentCodec {

    static final StandardAttachmentCodec INSTANCE = new StandardAttachmentCodec();

    private static final int NULL = 0;

    private static final int STRING = 1;

    private static final int TRUE = 2;

    private static final int FALSE = 3;

    private static final int INT = 4;

    private static final int LONG = 5;

    private static final int DOUBLE = 6;

    private static final int BYTES = 7;

    private static final int LIST = 8;

    private static final int MAP = 9;

    private StandardAttachmentCodec() {
    }

    @Override
    public byte[] encode(@Nullable Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, value);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    private static void write(DataOutputStream out, @Nullable Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        }
        else if (value instanceof String text) {
            out.writeByte(STRING);
            byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
        else if (value instanceof Boolean bool) {
            out.writeByte(bool ? TRUE : FALSE);
        }
        else if (value instanceof Integer number) {
            out.writeByte(INT);
            out.writeInt(number);
        }
        else if (value instanceof Long number) {
            out.writeByte(LONG);
            out.writeLong(number);
        }
        else if (value instanceof Double number) {
            out.writeByte(DOUBLE);
            out.writeDouble(number);
        }
        else if (value instanceof byte[] array) {
            out.writeByte(BYTES);
            out.writeInt(array.length);
            out.write(array);
        }
        else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object element : list) {
                write(out, element);
            }
        }
        else if (value instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("An attachment map needs String keys, but has the key " + entry.getKey());
                }
                write(out, key);
                write(out, entry.getValue());
            }
        }
        else {
            throw new IllegalArgumentException("The standard attachment codec cannot encode a " + value.getClass().getName()
                    + "; use null, String, Boolean, Integer, Long, Double, byte[], List or Map<String, ?>, "
                    + "or accept the socket with state.acceptWebSocket(), whose codec encodes any JSON value");
        }
    }

    @Override
    public <T> @Nullable T decode(byte[] bytes, Class<T> type) {
        Object value;
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            value = read(in);
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("Corrupt attachment bytes", ex);
        }
        if (value != null && !type.isInstance(value)) {
            throw new IllegalArgumentException("The attachment is a " + value.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(value);
    }

    private static @Nullable Object read(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case NULL -> null;
            case STRING -> {
                byte[] utf8 = new byte[in.readInt()];
                in.readFully(utf8);
                yield new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
            }
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case BYTES -> {
                byte[] array = new byte[in.readInt()];
                in.readFully(array);
                yield array;
            }
            case LIST -> {
                int size = in.readInt();
                List<@Nullable Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(read(in));
                }
                yield list;
            }
            case MAP -> {
                int size = in.readInt();
                Map<String, @Nullable Object> map = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) {
                    map.put((String) read(in), read(in));
                }
                yield map;
            }
            default -> throw new IOException("Unknown tag " + tag);
        };
    }
}
