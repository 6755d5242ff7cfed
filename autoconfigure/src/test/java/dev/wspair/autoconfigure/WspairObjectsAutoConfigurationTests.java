package dev.wspair.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.wspair.objects.ObjectNamespace;
import dev.wspair.objects.ObjectNamespaces;
import dev.wspair.objects.ObjectSettings;
import dev.wspair.objects.storage.InMemoryObjectStore;
import dev.wspair.objects.storage.JsonValueCodec;
import dev.wspair.objects.storage.ObjectStore;
import dev.wspair.objects.storage.SqliteObjectStore;
import dev.wspair.objects.storage.ValueCodec;
import dev.wspair.objects.testing.Counter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link WspairObjectsAutoConfiguration}: defaults, property overrides, replaced beans and a declared namespace. */
class WspairObjectsAutoConfigurationTests {

    @TempDir
    Path data;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WspairObjectsAutoConfiguration.class));

    @Test
    void defaultsAreWorkersValuesAndNothingOpensUntilNeeded() {
        this.runner.withPropertyValues("wspair.objects.data-directory=" + this.data).run(context -> {
            ObjectSettings settings = context.getBean(ObjectSettings.class);
            assertThat(settings.idleTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(settings.maxWebSocketsPerObject()).isEqualTo(32_768);
            assertThat(settings.maxBatchesPerCommit()).isEqualTo(256);
            assertThat(settings.threads()).isEqualTo(16);
            assertThat(settings.eventTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(context.getBean(ValueCodec.class)).isInstanceOf(JsonValueCodec.class);
            assertThat(context.getBeanFactory().containsSingleton("wspairObjectStore")).as("the store opens lazily").isFalse();
            assertThat(Files.exists(this.data.resolve(SqliteObjectStore.FILE_NAME))).isFalse();

            assertThat(context.getBean(ObjectNamespaces.class)).isNotNull();
            assertThat(context.getBean(ObjectStore.class)).isInstanceOf(SqliteObjectStore.class);
            assertThat(Files.exists(this.data.resolve(SqliteObjectStore.FILE_NAME))).isTrue();
        });
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WspairObjectsAutoConfiguration.class)).run(context -> {
            WspairObjectsProperties properties = context.getBean(WspairObjectsProperties.class);
            assertThat(properties.getDataDirectory()).isEqualTo(Path.of("data"));
            assertThat(properties.getStore()).isEqualTo(WspairObjectsProperties.StoreType.SQLITE);
            assertThat(properties.getSqlite().getSynchronous()).isEqualTo(SqliteObjectStore.Synchronous.FULL);
        });
    }

    @Test
    void propertiesOverrideTheDefaults() {
        this.runner.withPropertyValues("wspair.objects.store=memory", "wspair.objects.idle-timeout=250ms",
                "wspair.objects.max-web-sockets-per-object=5", "wspair.objects.threads=2", "wspair.objects.event-timeout=3s",
                "wspair.objects.commit.max-batches=1", "wspair.objects.sqlite.synchronous=normal")
            .run(context -> {
                ObjectSettings settings = context.getBean(ObjectSettings.class);
                assertThat(settings.idleTimeout()).isEqualTo(Duration.ofMillis(250));
                assertThat(settings.maxWebSocketsPerObject()).isEqualTo(5);
                assertThat(settings.threads()).isEqualTo(2);
                assertThat(settings.eventTimeout()).isEqualTo(Duration.ofSeconds(3));
                assertThat(settings.maxBatchesPerCommit()).isEqualTo(1);
                assertThat(context.getBean(WspairObjectsProperties.class).getSqlite().getSynchronous()).isEqualTo(SqliteObjectStore.Synchronous.NORMAL);
                assertThat(context.getBean(ObjectStore.class)).isInstanceOf(InMemoryObjectStore.class);
                assertThat(context.getBean(ObjectNamespaces.class).settings()).isSameAs(settings);
            });
    }

    @Test
    void userStoreAndCodecReplaceTheDefaults() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        ValueCodec codec = new JsonValueCodec(JsonMapper.builder().build());
        this.runner.withPropertyValues("wspair.objects.data-directory=" + this.data)
            .withBean(ObjectStore.class, () -> store)
            .withBean(ValueCodec.class, () -> codec)
            .withUserConfiguration(CounterConfiguration.class)
            .run(context -> {
                assertThat(context).hasSingleBean(ObjectStore.class).hasSingleBean(ValueCodec.class);
                assertThat(context.getBean(ObjectStore.class)).isSameAs(store);
                assertThat(context.getBean(ValueCodec.class)).isSameAs(codec);
                @SuppressWarnings("unchecked")
                ObjectNamespace<Counter> counters = context.getBean(ObjectNamespace.class);
                assertThat(counters.getByName("c").call(Counter::increment).block(Duration.ofSeconds(10))).isEqualTo(1);
                assertThat(store.get("counters", counters.idFromName("c").toString(), Counter.KEY)).as("the user's store holds the data").isNotNull();
                assertThat(Files.exists(this.data.resolve(SqliteObjectStore.FILE_NAME))).as("no SQLite file was opened").isFalse();
            });
    }

    @Test
    void aDeclaredNamespaceWorksAndSurvivesARestartOnSqlite() {
        ApplicationContextRunner app = this.runner.withPropertyValues("wspair.objects.data-directory=" + this.data)
            .withUserConfiguration(CounterConfiguration.class);
        app.run(context -> {
            @SuppressWarnings("unchecked")
            ObjectNamespace<Counter> counters = context.getBean(ObjectNamespace.class);
            assertThat(counters.getByName("c").call(Counter::increment).block(Duration.ofSeconds(10))).isEqualTo(1);
        });
        app.run(context -> {
            @SuppressWarnings("unchecked")
            ObjectNamespace<Counter> counters = context.getBean(ObjectNamespace.class);
            assertThat(counters.getByName("c").call(Counter::increment).block(Duration.ofSeconds(10))).isEqualTo(2);
        });
    }

    @Test
    void invalidSettingsFailAtStartupWithTheReason() {
        this.runner.withPropertyValues("wspair.objects.max-web-sockets-per-object=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessage("maxWebSocketsPerObject must be at least 1, but was 0");
        });
    }

    @Test
    void withoutTheObjectsModuleNothingIsConfigured() {
        this.runner.withClassLoader(new FilteredClassLoader(ObjectNamespaces.class))
            .run(context -> assertThat(context).doesNotHaveBean(ObjectSettings.class).doesNotHaveBean(WspairObjectsProperties.class));
    }
}
