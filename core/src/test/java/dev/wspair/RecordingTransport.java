package dev.wspair;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An in-memory stand-in for the network side of a returned end: it records, in call order, what
 * the accepted peer sent, as {@code "text:<text>"}, {@code "binary:<hex>"},
 * {@code "close:<code>:<reason>"} and {@code "abort"}, and the transport it was told it relays with.
 */
final class RecordingTransport implements Transport {

    private final List<String> frames = new ArrayList<>();

    private @Nullable Transport relay;

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

    @Override
    public synchronized void abort() {
        this.frames.add("abort");
    }

    @Override
    public synchronized void relayingWith(Transport other) {
        this.relay = other;
    }

    synchronized @Nullable Transport relay() {
        return this.relay;
    }

    synchronized List<String> frames() {
        return new ArrayList<>(this.frames);
    }
}
