package dev.wspair.objects.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link ObjectStore}: one embedded SQLite database file (xerial sqlite-jdbc, nothing to
 * install), created on first use, in WAL mode so that reads never wait for the writer.
 *
 * <p>Schema: {@code wspair_kv(namespace, object_id, key BLOB, value BLOB)} with the primary key
 * {@code (namespace, object_id, key)} in a {@code WITHOUT ROWID} table, keys stored as their UTF-8
 * bytes so that SQLite's byte order is Workers' list order; and
 * {@code wspair_alarms(namespace, object_id, scheduled_ms)}; {@link #check()} rewrites the one row of
 * {@code wspair_health(id, checked_ms)}. {@link #commit} runs all the batches
 * it gets in one transaction on the single writer connection; with {@code synchronous=FULL} (the
 * default) a returned commit survives a power loss, with {@code NORMAL} a process crash.
 */
public final class SqliteObjectStore implements ObjectStore {

    /** SQLite's {@code PRAGMA synchronous} levels offered for the writer. */
    public enum Synchronous {
        /** Every commit is synced to disk before it returns: survives power loss. */
        FULL,
        /** Commits are synced at checkpoints: survives a process crash, may lose the last commits on power loss. */
        NORMAL
    }

    /** The database file name inside the data directory. */
    public static final String FILE_NAME = "wspair-objects.db";

    private static final Logger logger = LoggerFactory.getLogger(SqliteObjectStore.class);

    private static final int READERS = 4;

    private final Path file;

    private final Connection writer;

    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);

    private final PreparedStatement put;

    private final PreparedStatement delete;

    private final PreparedStatement deleteAll;

    private final PreparedStatement setAlarm;

    private final PreparedStatement deleteAlarm;

    private final PreparedStatement probe;

    private SqliteObjectStore(Path file, Synchronous synchronous) throws SQLException {
        this.file = file;
        this.writer = connect(file);
        try (Statement statement = this.writer.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=" + synchronous.name());
            statement.execute("CREATE TABLE IF NOT EXISTS wspair_kv (namespace TEXT NOT NULL, object_id TEXT NOT NULL, "
                    + "key BLOB NOT NULL, value BLOB NOT NULL, PRIMARY KEY (namespace, object_id, key)) WITHOUT ROWID");
            statement.execute("CREATE TABLE IF NOT EXISTS wspair_alarms (namespace TEXT NOT NULL, object_id TEXT NOT NULL, "
                    + "scheduled_ms INTEGER NOT NULL, PRIMARY KEY (namespace, object_id)) WITHOUT ROWID");
            statement.execute("CREATE TABLE IF NOT EXISTS wspair_health (id INTEGER PRIMARY KEY, checked_ms INTEGER NOT NULL)");
        }
        this.writer.setAutoCommit(false);
        this.put = this.writer.prepareStatement("INSERT OR REPLACE INTO wspair_kv (namespace, object_id, key, value) VALUES (?, ?, ?, ?)");
        this.delete = this.writer.prepareStatement("DELETE FROM wspair_kv WHERE namespace = ? AND object_id = ? AND key = ?");
        this.deleteAll = this.writer.prepareStatement("DELETE FROM wspair_kv WHERE namespace = ? AND object_id = ?");
        this.setAlarm = this.writer.prepareStatement("INSERT OR REPLACE INTO wspair_alarms (namespace, object_id, scheduled_ms) VALUES (?, ?, ?)");
        this.deleteAlarm = this.writer.prepareStatement("DELETE FROM wspair_alarms WHERE namespace = ? AND object_id = ?");
        this.probe = this.writer.prepareStatement("INSERT OR REPLACE INTO wspair_health (id, checked_ms) VALUES (1, ?)");
        this.writer.commit();
        for (int i = 0; i < READERS; i++) {
            this.readers.add(connect(file));
        }
    }

    /**
     * Opens (or creates) the database in a data directory, creating the directory if needed, with
     * {@code synchronous=FULL}.
     * @param dataDirectory the directory
     * @return the store
     * @throws ObjectStorageException if the directory or the database cannot be created
     */
    public static SqliteObjectStore open(Path dataDirectory) {
        return open(dataDirectory, Synchronous.FULL);
    }

    /**
     * Opens (or creates) the database in a data directory, creating the directory if needed.
     * @param dataDirectory the directory
     * @param synchronous how hard commits wait for the disk
     * @return the store
     * @throws ObjectStorageException if the directory or the database cannot be created
     */
    public static SqliteObjectStore open(Path dataDirectory, Synchronous synchronous) {
        Path file = dataDirectory.resolve(FILE_NAME).toAbsolutePath();
        try {
            Files.createDirectories(dataDirectory);
            SqliteObjectStore store = new SqliteObjectStore(file, synchronous);
            logger.info("Durable Object storage: SQLite database {} (WAL, synchronous={})", file, synchronous.name().toLowerCase(Locale.ROOT));
            return store;
        }
        catch (IOException | SQLException ex) {
            throw new ObjectStorageException("Cannot open the Durable Object database " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Opens a connection. The driver would otherwise query {@code last_insert_rowid()} after every
     * insert for {@code getGeneratedKeys}, which the store never calls: a second statement per put.
     */
    private static Connection connect(Path file) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("jdbc.get_generated_keys", "false");
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout=10000");
        }
        return connection;
    }

    /**
     * The database file.
     * @return its path
     */
    public Path file() {
        return this.file;
    }

    @Override
    public byte @Nullable [] get(String namespace, String objectId, String key) {
        return read("get", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT value FROM wspair_kv WHERE namespace = ? AND object_id = ? AND key = ?")) {
                statement.setString(1, namespace);
                statement.setString(2, objectId);
                statement.setBytes(3, KeyRange.utf8(key));
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? rows.getBytes(1) : null;
                }
            }
        });
    }

    @Override
    public List<Map.Entry<String, byte[]>> list(String namespace, String objectId, KeyRange range, boolean reverse, int limit) {
        StringBuilder sql = new StringBuilder("SELECT key, value FROM wspair_kv WHERE namespace = ? AND object_id = ?");
        List<byte[]> bounds = new ArrayList<>();
        byte[] lower = range.lowerBound();
        if (lower != null) {
            sql.append(" AND key >= ?");
            bounds.add(lower);
        }
        if (range.startAfter() != null) {
            sql.append(" AND key > ?");
            bounds.add(KeyRange.utf8(range.startAfter()));
        }
        byte[] upper = range.upperBound();
        if (upper != null) {
            sql.append(" AND key < ?");
            bounds.add(upper);
        }
        sql.append(" ORDER BY key ").append(reverse ? "DESC" : "ASC");
        if (limit > 0) {
            sql.append(" LIMIT ").append(limit);
        }
        return read("list", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                statement.setString(1, namespace);
                statement.setString(2, objectId);
                for (int i = 0; i < bounds.size(); i++) {
                    statement.setBytes(3 + i, bounds.get(i));
                }
                List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        entries.add(Map.entry(new String(rows.getBytes(1), StandardCharsets.UTF_8), rows.getBytes(2)));
                    }
                }
                return entries;
            }
        });
    }

    @Override
    public @Nullable Long getAlarm(String namespace, String objectId) {
        return read("getAlarm", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT scheduled_ms FROM wspair_alarms WHERE namespace = ? AND object_id = ?")) {
                statement.setString(1, namespace);
                statement.setString(2, objectId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : null;
                }
            }
        });
    }

    @Override
    public Map<String, Long> alarms(String namespace) {
        return read("alarms", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT object_id, scheduled_ms FROM wspair_alarms WHERE namespace = ?")) {
                statement.setString(1, namespace);
                Map<String, Long> alarms = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        alarms.put(rows.getString(1), rows.getLong(2));
                    }
                }
                return alarms;
            }
        });
    }

    @Override
    public void commit(List<CommitBatch> batches) {
        synchronized (this.writer) {
            try {
                for (CommitBatch batch : batches) {
                    apply(batch);
                }
                this.writer.commit();
            }
            catch (SQLException | RuntimeException ex) {
                rollback();
                throw new ObjectStorageException("Commit of " + batches.size() + " batch(es) to " + this.file + " failed: " + ex.getMessage(), ex);
            }
        }
    }

    /**
     * Reads through a reader connection, then commits a one-row write on the writer connection,
     * as durably as object writes: the check fails when the file cannot be read, is locked by
     * another process for longer than the busy timeout, or cannot be written (read-only, disk full).
     * @throws ObjectStorageException with SQLite's reason
     */
    @Override
    public void check() {
        read("check", connection -> {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT count(*) FROM wspair_health")) {
                return rows.next();
            }
        });
        synchronized (this.writer) {
            try {
                this.probe.setLong(1, System.currentTimeMillis());
                this.probe.executeUpdate();
                this.writer.commit();
            }
            catch (SQLException ex) {
                rollback();
                throw new ObjectStorageException("Writing to " + this.file + " failed: " + ex.getMessage(), ex);
            }
        }
    }

    private void apply(CommitBatch batch) throws SQLException {
        for (Mutation mutation : batch.mutations()) {
            PreparedStatement statement;
            if (mutation instanceof Mutation.Put put) {
                statement = this.put;
                statement.setBytes(3, KeyRange.utf8(put.key()));
                statement.setBytes(4, put.value());
            }
            else if (mutation instanceof Mutation.Delete delete) {
                statement = this.delete;
                statement.setBytes(3, KeyRange.utf8(delete.key()));
            }
            else if (mutation instanceof Mutation.DeleteAll) {
                statement = this.deleteAll;
            }
            else if (mutation instanceof Mutation.SetAlarm alarm) {
                statement = this.setAlarm;
                statement.setLong(3, alarm.epochMillis());
            }
            else {
                statement = this.deleteAlarm;
            }
            statement.setString(1, batch.namespace());
            statement.setString(2, batch.objectId());
            statement.executeUpdate();
        }
    }

    private void rollback() {
        try {
            this.writer.rollback();
        }
        catch (SQLException ex) {
            logger.warn("Rollback on {} failed", this.file, ex);
        }
    }

    @Override
    public void close() {
        synchronized (this.writer) {
            try {
                this.writer.close();
                for (Connection reader : this.readers) {
                    reader.close();
                }
            }
            catch (SQLException ex) {
                logger.warn("Closing {} failed", this.file, ex);
            }
        }
    }

    private interface Read<T> {

        T apply(Connection connection) throws SQLException;
    }

    private <T> T read(String operation, Read<T> read) {
        Connection connection;
        try {
            connection = this.readers.take();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ObjectStorageException("Interrupted while waiting for a connection to " + this.file, ex);
        }
        try {
            return read.apply(connection);
        }
        catch (SQLException ex) {
            throw new ObjectStorageException(operation + " on " + this.file + " failed: " + ex.getMessage(), ex);
        }
        finally {
            this.readers.add(connection);
        }
    }
}
