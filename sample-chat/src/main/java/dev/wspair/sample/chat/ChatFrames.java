package dev.wspair.sample.chat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.wspair.MessageEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON frames of the chat protocol: client frames are read as the room's
 * {@code JSON.parse(msg)} reads them, values are turned into strings as JavaScript's
 * {@code "" + value} does, and server frames are written byte for byte as {@code JSON.stringify}
 * writes them: keys in insertion order, {@code /} not escaped, control characters and lone
 * surrogates escaped with lowercase hexadecimal digits.
 * Unlike the original, which answers unparsable input with a JavaScript stack trace, a bad frame
 * is reported with a one-line {@link InvalidFrame} message.
 */
final class ChatFrames {

    /** A client frame the room cannot use; the message is sent to the client as {@code {"error": ...}}. */
    static final class InvalidFrame extends Exception {

        private static final long serialVersionUID = 1L;

        InvalidFrame(String message) {
            super(message);
        }
    }

    /** Longest parser detail quoted in an "Invalid JSON" error, so a huge frame gets a short answer. */
    private static final int MAX_DETAIL = 160;

    private final JsonMapper json = JsonMapper.builder()
        .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
        .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    /**
     * Reads a client frame, which must be a JSON object in a text frame.
     * @param message the frame
     * @return the object
     * @throws InvalidFrame for a binary frame, text that is not JSON, or JSON that is not an object
     */
    JsonNode readObject(MessageEvent message) throws InvalidFrame {
        if (!message.isText()) {
            throw new InvalidFrame("Binary frames are not supported: send JSON in a text frame.");
        }
        JsonNode value;
        try {
            value = this.json.readTree(message.text());
        }
        catch (JacksonException ex) {
            throw new InvalidFrame("Invalid JSON: " + oneLine(ex.getOriginalMessage()));
        }
        if (value == null || value.isMissingNode()) {
            throw new InvalidFrame("Invalid JSON: the frame is empty.");
        }
        if (!value.isObject()) {
            throw new InvalidFrame("Invalid message: expected a JSON object such as {\"message\":\"hi\"}, got " + kind(value) + ".");
        }
        return value;
    }

    /**
     * {@code {"error": text}}.
     * @param text the error
     * @return the frame
     */
    String error(String text) {
        return write(this.json.createObjectNode().put("error", text));
    }

    /**
     * {@code {"joined": name}}.
     * @param name the member's name
     * @return the frame
     */
    String joined(String name) {
        return write(this.json.createObjectNode().put("joined", name));
    }

    /**
     * {@code {"quit": name}}.
     * @param name the member's name
     * @return the frame
     */
    String quit(String name) {
        return write(this.json.createObjectNode().put("quit", name));
    }

    /**
     * {@code {"ready":true}}.
     * @return the frame
     */
    String ready() {
        return write(this.json.createObjectNode().put("ready", true));
    }

    /**
     * A chat message, keys in the original's order.
     * @param name the sender's name
     * @param message the text
     * @param timestamp epoch milliseconds
     * @return {@code {"name":…,"message":…,"timestamp":…}}
     */
    String chat(String name, String message, long timestamp) {
        return write(this.json.createObjectNode().put("name", name).put("message", message).put("timestamp", timestamp));
    }

    private String write(ObjectNode frame) {
        return escapeLoneSurrogates(this.json.writeValueAsString(frame));
    }

    /**
     * Escapes UTF-16 surrogates that are not part of a pair with a Unicode escape in lowercase hex,
     * as {@code JSON.stringify} does. Jackson writes them as they are, and a lone surrogate cannot be
     * encoded in the UTF-8 of a text frame. In JSON text they can only occur inside strings, so
     * escaping them there keeps the JSON valid.
     */
    static String escapeLoneSurrogates(String json) {
        StringBuilder escaped = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1));
            if (paired) {
                if (escaped != null) {
                    escaped.append(c).append(json.charAt(i + 1));
                }
                i++;
            }
            else if (Character.isSurrogate(c)) {
                if (escaped == null) {
                    escaped = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                escaped.append(String.format("\\u%04x", (int) c));
            }
            else if (escaped != null) {
                escaped.append(c);
            }
        }
        return (escaped != null) ? escaped.toString() : json;
    }

    /**
     * A property of a client frame as JavaScript's {@code "" + data[key]} gives it: a missing
     * property is {@code "undefined"}.
     * @param frame the client's object
     * @param key the property
     * @return the string
     */
    static String string(JsonNode frame, String key) {
        JsonNode value = frame.get(key);
        return (value != null) ? jsString(value) : "undefined";
    }

    /**
     * A property as {@code "" + (data[key] || fallback)}: a missing, {@code null}, {@code false},
     * {@code 0} or empty-string value gives the fallback.
     * @param frame the client's object
     * @param key the property
     * @param fallback used for falsy values
     * @return the string
     */
    static String stringOr(JsonNode frame, String key, String fallback) {
        JsonNode value = frame.get(key);
        return (value == null || falsy(value)) ? fallback : jsString(value);
    }

    private static boolean falsy(JsonNode value) {
        return value.isNull() || (value.isBoolean() && !value.booleanValue()) || (value.isString() && value.stringValue().isEmpty())
                || (value.isNumber() && value.numberValue().doubleValue() == 0);
    }

    /** JavaScript's ToString of a parsed JSON value. */
    private static String jsString(JsonNode value) {
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isNumber()) {
            return jsNumber(value.numberValue().doubleValue());
        }
        if (value.isBoolean()) {
            return Boolean.toString(value.booleanValue());
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode element : value) {
                parts.add(element.isNull() ? "" : jsString(element));
            }
            return String.join(",", parts);
        }
        if (value.isObject()) {
            return "[object Object]";
        }
        return "null";
    }

    /** JavaScript's Number::toString for a finite or infinite double (JSON has no NaN). */
    static String jsNumber(double number) {
        if (Double.isInfinite(number)) {
            return (number > 0) ? "Infinity" : "-Infinity";
        }
        if (number == 0) {
            return "0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(number))).stripTrailingZeros();
        String digits = decimal.unscaledValue().toString();
        int k = digits.length();
        int n = k - decimal.scale();
        StringBuilder text = new StringBuilder((number < 0) ? "-" : "");
        if (k <= n && n <= 21) {
            text.append(digits).append("0".repeat(n - k));
        }
        else if (0 < n && n <= 21) {
            text.append(digits, 0, n).append('.').append(digits, n, k);
        }
        else if (-6 < n && n <= 0) {
            text.append("0.").append("0".repeat(-n)).append(digits);
        }
        else {
            text.append(digits.charAt(0));
            if (k > 1) {
                text.append('.').append(digits, 1, k);
            }
            text.append('e').append((n - 1 >= 0) ? "+" : "-").append(Math.abs(n - 1));
        }
        return text.toString();
    }

    private static String kind(JsonNode value) {
        if (value.isArray()) {
            return "an array";
        }
        if (value.isString()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }

    private static String oneLine(String detail) {
        String line = detail.replaceAll("\\s+", " ").strip();
        return (line.length() > MAX_DETAIL) ? line.substring(0, MAX_DETAIL) + "…" : line;
    }
}
