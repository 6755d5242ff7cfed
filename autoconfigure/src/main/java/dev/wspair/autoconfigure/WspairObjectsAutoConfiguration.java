package dev.wspair.autoconfigure;

import dev.wspair.objects.ObjectNamespaces;
import dev.wspair.objects.ObjectSettings;
import dev.wspair.objects.storage.InMemoryObjectStore;
import dev.wspair.objects.storage.JsonValueCodec;
import dev.wspair.objects.storage.ObjectStore;
import dev.wspair.objects.storage.SqliteObjectStore;
import dev.wspair.objects.storage.ValueCodec;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Auto-configuration of wspair's Durable Objects: the {@link ObjectNamespaces} runtime from which
 * applications declare {@code @Bean ObjectNamespace<T>}s, its {@link ObjectSettings} from
 * {@link WspairObjectsProperties}, the {@link ObjectStore} (embedded SQLite in
 * {@code wspair.objects.data-directory} unless {@code wspair.objects.store=memory}) and the
 * {@link ValueCodec} (JSON through the application's {@link JsonMapper}). Every bean backs off
 * when the application declares one of the same type. The store and the runtime are created only
 * when something needs them, so an application without objects opens no file and starts no thread.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass({ ObjectNamespaces.class, JsonMapper.class })
@EnableConfigurationProperties(WspairObjectsProperties.class)
public final class WspairObjectsAutoConfiguration {

    WspairObjectsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    ObjectSettings wspairObjectSettings(WspairObjectsProperties properties) {
        ObjectSettings.Builder builder = ObjectSettings.builder();
        PropertyMapper map = PropertyMapper.get();
        map.from(properties::getIdleTimeout).to(builder::idleTimeout);
        map.from(properties::getMaxWebSocketsPerObject).to(builder::maxWebSocketsPerObject);
        map.from(properties::getThreads).to(builder::threads);
        map.from(properties::getEventTimeout).to(builder::eventTimeout);
        map.from(properties.getCommit()::getMaxBatches).to(builder::maxBatchesPerCommit);
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    @ConditionalOnMissingBean
    ObjectStore wspairObjectStore(WspairObjectsProperties properties) {
        return switch (properties.getStore()) {
            case SQLITE -> SqliteObjectStore.open(properties.getDataDirectory(), properties.getSqlite().getSynchronous());
            case MEMORY -> new InMemoryObjectStore();
        };
    }

    @Bean
    @ConditionalOnMissingBean
    ValueCodec wspairValueCodec(ObjectProvider<JsonMapper> jsonMapper) {
        return new JsonValueCodec(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
    }

    @Bean(destroyMethod = "close")
    @Lazy
    @ConditionalOnMissingBean
    ObjectNamespaces wspairObjectNamespaces(ObjectStore store, ValueCodec codec, ObjectSettings settings) {
        return new ObjectNamespaces(store, codec, settings);
    }
}
