package dev.wspair.webflux;

import dev.wspair.CloseCodes;

/**
 * What happens when a connection's outbound queue is full because the client reads too slowly:
 * the queued frames are dropped, the client is sent a Close frame with this policy's code, and the
 * accepted end gets an error event. Workers buffers without bound; wspair never does.
 */
public enum OverflowPolicy {

    /** Close with 1008 (policy violation): the default. */
    CLOSE_POLICY_VIOLATION(CloseCodes.POLICY_VIOLATION),

    /** Close with 1013 (try again later), inviting the client to reconnect. */
    CLOSE_TRY_AGAIN_LATER(CloseCodes.TRY_AGAIN_LATER);

    private final int closeCode;

    OverflowPolicy(int closeCode) {
        this.closeCode = closeCode;
    }

    /**
     * The close code sent to the client.
     * @return the code
     */
    public int closeCode() {
        return this.closeCode;
    }
}
