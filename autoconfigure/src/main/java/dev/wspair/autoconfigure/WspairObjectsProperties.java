package dev.wspair.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import dev.wspair.objects.storage.SqliteObjectStore;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of wspair's Durable Objects ({@code wspair.objects.*}).
 */
@ConfigurationProperties("wspair.objects")
public class WspairObjectsProperties {

    /** Where objects keep their data. */
    public enum StoreType {
        /** One embedded SQLite database file in the data directory. */
        SQLITE,
        /** In memory only: lost when the application stops. */
        MEMORY
    }

    /**
     * Where objects keep their data: an embedded SQLite file, or memory only.
     */
    private StoreType store = StoreType.SQLITE;

    /**
     * Directory of the SQLite database file, created on first use.
     */
    private Path dataDirectory = Path.of("data");

    /**
     * Time without events after which an object instance is evicted from memory. Its hibernatable
     * WebSockets stay connected and the next event recreates it.
     */
    private Duration idleTimeout = Duration.ofSeconds(10);

    /**
     * Most WebSockets one object may accept with acceptWebSocket.
     */
    private int maxWebSocketsPerObject = 32_768;

    /**
     * Threads that run object events. Each object uses one at a time.
     */
    private int threads = 16;

    /**
     * Longest time an object's fetch may take to produce its response.
     */
    private Duration eventTimeout = Duration.ofSeconds(30);

    private final Commit commit = new Commit();

    private final Sqlite sqlite = new Sqlite();

    public StoreType getStore() {
        return this.store;
    }

    public void setStore(StoreType store) {
        this.store = store;
    }

    public Path getDataDirectory() {
        return this.dataDirectory;
    }

    public void setDataDirectory(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    public Duration getIdleTimeout() {
        return this.idleTimeout;
    }

    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public int getMaxWebSocketsPerObject() {
        return this.maxWebSocketsPerObject;
    }

    public void setMaxWebSocketsPerObject(int maxWebSocketsPerObject) {
        this.maxWebSocketsPerObject = maxWebSocketsPerObject;
    }

    public int getThreads() {
        return this.threads;
    }

    public void setThreads(int threads) {
        this.threads = threads;
    }

    public Duration getEventTimeout() {
        return this.eventTimeout;
    }

    public void setEventTimeout(Duration eventTimeout) {
        this.eventTimeout = eventTimeout;
    }

    public Commit getCommit() {
        return this.commit;
    }

    public Sqlite getSqlite() {
        return this.sqlite;
    }

    /**
     * Grouping of the storage commits of finished events.
     */
    public static class Commit {

        /**
         * Most event batches, of any objects, committed in one storage transaction. 1 turns
         * grouping off.
         */
        private int maxBatches = 256;

        public int getMaxBatches() {
            return this.maxBatches;
        }

        public void setMaxBatches(int maxBatches) {
            this.maxBatches = maxBatches;
        }
    }

    /**
     * The embedded SQLite store.
     */
    public static class Sqlite {

        /**
         * How hard a commit waits for the disk: FULL survives power loss, NORMAL a process crash.
         */
        private SqliteObjectStore.Synchronous synchronous = SqliteObjectStore.Synchronous.FULL;

        public SqliteObjectStore.Synchronous getSynchronous() {
            return this.synchronous;
        }

        public void setSynchronous(SqliteObjectStore.Synchronous synchronous) {
            this.synchronous = synchronous;
        }
    }
}
