package dev.wspair;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What send() captures and what a {@link MessageEvent} exposes (semantics §2.2). */
class MessageEventTest {

    private WebSocket sender;

    private Recorder receiver;

    @BeforeEach
    void acceptBothEnds() {
        WebSocketPair pair = new WebSocketPair();
        this.sender = pair.client();
        this.receiver = Recorder.of(pair.server());
        pair.client().accept();
        pair.server().accept();
    }

    @Test
    void binarySendCopiesTheBytesAtCallTime() throws InterruptedException {
        byte[] bytes = { 1, 2, 3 };

        this.sender.send(bytes);
        bytes[0] = 9;
        bytes[2] = 9;

        assertThat(this.receiver.nextMessage().bytes()).containsExactly(1, 2, 3);
    }

    @Test
    void byteBufferSendSendsTheRemainingBytesAndLeavesThePositionUnchanged() throws InterruptedException {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] { 10, 20, 30, 40, 50 });
        buffer.position(1).limit(4);

        this.sender.send(buffer);

        assertThat(buffer.position()).isEqualTo(1);
        assertThat(buffer.limit()).isEqualTo(4);
        assertThat(this.receiver.nextMessage().bytes()).containsExactly(20, 30, 40);
    }

    @Test
    void byteBufferSendCopiesTheBytesAtCallTime() throws InterruptedException {
        byte[] backing = { 1, 2, 3 };

        this.sender.send(ByteBuffer.wrap(backing));
        backing[1] = 9;

        assertThat(this.receiver.nextMessage().bytes()).containsExactly(1, 2, 3);
    }

    @Test
    void directByteBufferIsSentToo() throws InterruptedException {
        ByteBuffer direct = ByteBuffer.allocateDirect(3).put(new byte[] { 7, 8, 9 }).flip();

        this.sender.send(direct);

        assertThat(direct.remaining()).isEqualTo(3);
        assertThat(this.receiver.nextMessage().bytes()).containsExactly(7, 8, 9);
    }

    @Test
    void textMessageExposesTextDataAndUtf8Bytes() throws InterruptedException {
        this.sender.send("héllo");

        MessageEvent event = this.receiver.nextMessage();

        assertThat(event.type()).isEqualTo("message");
        assertThat(event.isText()).isTrue();
        assertThat(event.text()).isEqualTo("héllo");
        assertThat(event.data()).isEqualTo("héllo");
        assertThat(event.bytes()).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void binaryMessageExposesReadOnlyBufferDataAndBytes() throws InterruptedException {
        this.sender.send(new byte[] { 4, 5, 6 });

        MessageEvent event = this.receiver.nextMessage();

        assertThat(event.isText()).isFalse();
        ByteBuffer binary = event.binary();
        assertThat(binary.isReadOnly()).isTrue();
        assertThat(binary.remaining()).isEqualTo(3);
        assertThat(binary.get(0)).isEqualTo((byte) 4);
        assertThat(event.data()).isInstanceOf(ByteBuffer.class).isEqualTo(ByteBuffer.wrap(new byte[] { 4, 5, 6 }));
        assertThat(event.bytes()).containsExactly(4, 5, 6);
    }

    @Test
    void bytesOfABinaryMessageIsACopy() throws InterruptedException {
        this.sender.send(new byte[] { 1, 2 });
        MessageEvent event = this.receiver.nextMessage();

        event.bytes()[0] = 99;

        assertThat(event.bytes()).containsExactly(1, 2);
        assertThat(event.binary().get(0)).isEqualTo((byte) 1);
    }

    @Test
    void emptyTextAndEmptyBinaryAreDelivered() throws InterruptedException {
        this.sender.send("");
        this.sender.send(new byte[0]);

        assertThat(this.receiver.nextText()).isEmpty();
        MessageEvent binary = this.receiver.nextMessage();
        assertThat(binary.isText()).isFalse();
        assertThat(binary.bytes()).isEmpty();
    }

    @Test
    void textAccessorOnBinaryMessageThrows() throws InterruptedException {
        this.sender.send(new byte[] { 1 });
        MessageEvent event = this.receiver.nextMessage();

        assertThatThrownBy(event::text)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("This message is binary; use binary() or bytes()");
    }

    @Test
    void binaryAccessorOnTextMessageThrows() throws InterruptedException {
        this.sender.send("text");
        MessageEvent event = this.receiver.nextMessage();

        assertThatThrownBy(event::binary)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("This message is text; use text()");
    }
}
