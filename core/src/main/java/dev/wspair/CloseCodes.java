package dev.wspair;

import java.nio.charset.StandardCharsets;

/**
 * Close codes from RFC 6455 §7.4 and the validation Workers applies in {@code close(code, reason)}.
 */
public final class CloseCodes {

    /** 1000: normal closure. */
    public static final int NORMAL = 1000;

    /** 1001: the endpoint is going away (server shutdown, page navigation). */
    public static final int GOING_AWAY = 1001;

    /** 1002: protocol error. */
    public static final int PROTOCOL_ERROR = 1002;

    /** 1003: a data type the endpoint cannot accept. */
    public static final int UNSUPPORTED_DATA = 1003;

    /** 1005: no status code was present (an empty Close frame); never sent on the wire. */
    public static final int NO_STATUS = 1005;

    /** 1006: the connection closed without a Close frame; never sent on the wire. */
    public static final int ABNORMAL = 1006;

    /** 1007: a message was not consistent with its type (e.g. invalid UTF-8). */
    public static final int INVALID_PAYLOAD = 1007;

    /** 1008: a message violated the endpoint's policy (wspair's default for a full outbound queue). */
    public static final int POLICY_VIOLATION = 1008;

    /** 1009: a message was too big to process. */
    public static final int MESSAGE_TOO_BIG = 1009;

    /** 1011: the server hit an unexpected condition. */
    public static final int INTERNAL_ERROR = 1011;

    /** 1013: try again later. */
    public static final int TRY_AGAIN_LATER = 1013;

    /** Largest close reason in UTF-8 bytes: a control frame holds 125 bytes, two of them the code. */
    public static final int MAX_REASON_BYTES = 123;

    static final String LOST_REASON = "WebSocket disconnected without sending Close frame.";

    private CloseCodes() {
    }

    /**
     * Checks a code and reason an application passes to {@code close}, with Workers' error texts.
     * @param code the close code
     * @param reason the reason
     * @throws IllegalArgumentException {@code "Invalid WebSocket close code: <code>."} for a code
     * outside 1000–4999 or one of 1004, 1005, 1006 and 1015; {@code "WebSocket close reason must not
     * be longer than 123 bytes when UTF-8 encoded."} for a long reason
     */
    public static void validate(int code, String reason) {
        if (!isSendable(code)) {
            throw new IllegalArgumentException("Invalid WebSocket close code: " + code + ".");
        }
        if (reason.length() > MAX_REASON_BYTES / 3 && reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("WebSocket close reason must not be longer than 123 bytes when UTF-8 encoded.");
        }
    }

    /**
     * Whether an application may send this code: 1000–4999 except 1004, 1005, 1006 and 1015.
     * @param code the close code
     * @return whether it may be sent
     */
    public static boolean isSendable(int code) {
        return code >= 1000 && code < 5000 && code != 1004 && code != NO_STATUS && code != ABNORMAL && code != 1015;
    }
}
