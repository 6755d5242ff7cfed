package dev.wspair.testing;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a test class with Netty's leak detector at paranoid level and fails it if the detector
 * reports a pooled buffer that was never released. After the class, a few collections and tracked
 * allocations make the detector report what the tests leaked.
 */
public final class NoLeaks implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NoLeaks.class);

    private record State(ListAppender<ILoggingEvent> reports, ResourceLeakDetector.Level previous) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ListAppender<ILoggingEvent> reports = new ListAppender<>();
        reports.start();
        detectorLogger().addAppender(reports);
        context.getStore(NAMESPACE).put(State.class, new State(reports, ResourceLeakDetector.getLevel()));
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        State state = context.getStore(NAMESPACE).get(State.class, State.class);
        try {
            for (int sweep = 0; sweep < 5; sweep++) {
                System.gc();
                for (int i = 0; i < 200; i++) {
                    PooledByteBufAllocator.DEFAULT.directBuffer(256).release();
                }
            }
            List<String> leaks = state.reports().list.stream()
                .filter(event -> event.getLevel() == Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
            assertThat(leaks).as("Netty leak reports").isEmpty();
        }
        finally {
            ResourceLeakDetector.setLevel(state.previous());
            detectorLogger().detachAppender(state.reports());
        }
    }

    private static Logger detectorLogger() {
        return (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    }
}
