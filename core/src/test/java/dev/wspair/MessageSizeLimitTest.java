package dev.wspair;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** The inbound message limit: error on the receiver, Close 1009 to the sender (semantics §2.4, §4). */
class MessageSizeLimitTest {

    private static final String TOO_LARGE = "Message is too large: 1025 > 1024";

    private final WebSocketPair pair = new WebSocketPair(1024);

    private final WebSocket sender = this.pair.client();

    private final WebSocket receiver = this.pair.server();

    private final Recorder senderEvents = Recorder.of(this.sender);

    private final Recorder receiverEvents = Recorder.of(this.receiver);

    MessageSizeLimitTest() {
        this.sender.accept();
        this.receiver.accept();
    }

    @Test
    void binaryMessageOneByteOverTheLimitFailsTheReceiver() throws InterruptedException {
        this.sender.send(new byte[1025]);

        ErrorEvent error = this.receiverEvents.nextError();
        assertThat(error.message()).isEqualTo(TOO_LARGE);
        assertThat(error.type()).isEqualTo("error");
        assertThat(error.error()).isInstanceOf(MessageTooLargeException.class).hasMessage(TOO_LARGE);
        assertThat(this.receiver.readyState()).isEqualTo(3);
    }

    @Test
    void textMessageWhoseUtf8SizeIsOneByteOverTheLimitFailsTheReceiver() throws InterruptedException {
        String text = "é".repeat(512) + "a";
        assertThat(text.length()).isLessThan(1025);

        this.sender.send(text);

        ErrorEvent error = this.receiverEvents.nextError();
        assertThat(error.message()).isEqualTo(TOO_LARGE);
        assertThat(error.error()).isInstanceOf(MessageTooLargeException.class).hasMessage(TOO_LARGE);
        assertThat(this.receiver.readyState()).isEqualTo(3);
    }

    @Test
    void senderOfAnOversizedMessageReceivesClose1009WithTheSameText() throws InterruptedException {
        this.sender.send(new byte[1025]);

        assertThat(this.senderEvents.nextClose()).isEqualTo(new CloseEvent(1009, TOO_LARGE, true));
    }

    @Test
    void sendAndCloseOnTheFailedReceiverAreSilentlyIgnored() throws InterruptedException {
        this.sender.send(new byte[1025]);
        this.receiverEvents.nextError();

        assertThatNoException().isThrownBy(() -> this.receiver.send("ignored"));
        assertThatNoException().isThrownBy(() -> this.receiver.send(new byte[] { 1 }));
        assertThatNoException().isThrownBy(() -> this.receiver.close(1000, "ignored"));
        assertThat(this.receiver.readyState()).isEqualTo(3);
        assertThat(this.senderEvents.nextClose().code()).as("the sender still gets its 1009").isEqualTo(1009);
    }

    @Test
    void messagesBeforeTheOversizedOneAreDeliveredAndTheOversizedOneIsNot() throws InterruptedException {
        this.sender.send("before");
        this.sender.send(new byte[1025]);

        assertThat(this.receiverEvents.nextText()).isEqualTo("before");
        assertThat(this.receiverEvents.nextError().message()).isEqualTo(TOO_LARGE);
        assertThat(this.senderEvents.nextClose().code()).isEqualTo(1009);
    }

    @Test
    void binaryMessageOfExactlyTheLimitIsDelivered() throws InterruptedException {
        this.sender.send(new byte[1024]);

        MessageEvent message = this.receiverEvents.nextMessage();
        assertThat(message.bytes()).hasSize(1024);
        assertThat(this.receiver.readyState()).isEqualTo(1);
    }

    @Test
    void textMessageOfExactlyTheLimitInUtf8BytesIsDelivered() throws InterruptedException {
        String text = "é".repeat(512);

        this.sender.send(text);

        assertThat(this.receiverEvents.nextText()).isEqualTo(text);
        assertThat(this.receiver.readyState()).isEqualTo(1);
    }

    @Test
    void defaultPairAcceptsOneMebibyteAndRejectsOneByteMore() throws InterruptedException {
        WebSocketPair defaults = new WebSocketPair();
        Recorder events = Recorder.of(defaults.server());
        defaults.client().accept();
        defaults.server().accept();

        defaults.client().send(new byte[(int) WebSocketPair.DEFAULT_MAX_MESSAGE_SIZE]);
        defaults.client().send(new byte[(int) WebSocketPair.DEFAULT_MAX_MESSAGE_SIZE + 1]);

        assertThat(events.nextMessage().bytes()).hasSize(1_048_576);
        assertThat(events.nextError().message()).isEqualTo("Message is too large: 1048577 > 1048576");
    }
}
