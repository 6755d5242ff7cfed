package dev.wspair;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shape of a {@link WebSocketPair} and of its fresh ends (semantics §1.1, §1.4, §3.4). */
class WebSocketPairTest {

    @Test
    void clientIsIndexZeroAndServerIsIndexOne() {
        WebSocketPair pair = new WebSocketPair();

        assertThat(pair.get(0)).isSameAs(pair.client());
        assertThat(pair.get(1)).isSameAs(pair.server());
        assertThat(pair.client()).isNotSameAs(pair.server());
    }

    @Test
    void indexOtherThanZeroOrOneThrowsIndexOutOfBounds() {
        WebSocketPair pair = new WebSocketPair();

        assertThatThrownBy(() -> pair.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> pair.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void freshEndsAreOpenBeforeAccept() {
        WebSocketPair pair = new WebSocketPair();

        assertThat(pair.client().readyState()).isEqualTo(1);
        assertThat(pair.server().readyState()).isEqualTo(1);
    }

    @Test
    void pairEndsHaveNoUrlAndEmptyProtocolAndExtensions() {
        WebSocketPair pair = new WebSocketPair();

        for (WebSocket end : new WebSocket[] { pair.client(), pair.server() }) {
            assertThat(end.url()).isNull();
            assertThat(end.protocol()).isEqualTo("");
            assertThat(end.extensions()).isEqualTo("");
        }
    }

    @Test
    void acceptingDoesNotChangeUrlProtocolOrReadyState() {
        WebSocketPair pair = new WebSocketPair();
        pair.server().accept();

        assertThat(pair.server().readyState()).isEqualTo(1);
        assertThat(pair.server().url()).isNull();
        assertThat(pair.server().protocol()).isEqualTo("");
        assertThat(pair.server().extensions()).isEqualTo("");
    }

    @Test
    void defaultMaxMessageSizeIsOneMebibyte() {
        assertThat(WebSocketPair.DEFAULT_MAX_MESSAGE_SIZE).isEqualTo(1_048_576L);
        assertThat(WebSocketPair.MAX_MESSAGE_SIZE_LIMIT).isEqualTo(33_554_432L);
    }

    @Test
    void maxMessageSizeOfZeroIsRejected() {
        assertThatThrownBy(() -> new WebSocketPair(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }

    @Test
    void maxMessageSizeAboveThirtyTwoMebibytesIsRejected() {
        assertThatThrownBy(() -> new WebSocketPair(32L * 1024 * 1024 + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("33554433");
    }

    @Test
    void maxMessageSizeOfExactlyThirtyTwoMebibytesAndOfOneByteAreAllowed() {
        assertThatNoException().isThrownBy(() -> new WebSocketPair(32L * 1024 * 1024));
        assertThatNoException().isThrownBy(() -> new WebSocketPair(1));
    }
}
