package dev.wspair;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An in-memory stand-in for the network side of a returned end: it records, in call order, what
 * the accepted peer sent, as {@code "text:<text>"}, {@code "binary:<hex>"} and
 * {@code "close:<code>:<reason>"}.
 */
final class RecordingTransport implements Transport {

    private final List<String> frames = new ArrayList<>();

    @Override
    public synchronized void sendText(String text) {
        this.frames.add("text:" + text);
    }

    @Override
    public synchronized void sendBinary(byte[] bytes) {
        this.frames.add("binary:" + HexFormat.of().formatHex(bytes));
    }

    @Override
    public synchronized void close(int code, String reason) {
        this.frames.add("close:" + code + ":" + reason);
    }

    synchronized List<String> frames() {
        return new ArrayList<>(this.frames);
    }
}
