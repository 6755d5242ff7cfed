package dev.wspair;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/** A {@link Transport} that records what an end writes to its connection, for tests without a network. */
final class RecordingTransport implements Transport {

    final List<String> written = new CopyOnWriteArrayList<>();

    volatile @Nullable Transport relay;

    @Override
    public void sendText(String text) {
        this.written.add("text:" + text);
    }

    @Override
    public void sendBinary(byte[] bytes) {
        this.written.add("binary:" + bytes.length);
    }

    @Override
    public void close(int code, String reason) {
        this.written.add("close:" + code + ":" + reason);
    }

    @Override
    public void abort() {
        this.written.add("abort");
    }

    @Override
    public void relayingWith(Transport other) {
        this.relay = other;
    }
}
