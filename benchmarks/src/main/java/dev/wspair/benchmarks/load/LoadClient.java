package dev.wspair.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

import com.sun.management.UnixOperatingSystemMXBean;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The load generator's connections: raw Netty on a single event loop thread (the generator has
 * one core), each connection bound round-robin to a source address 127.0.0.2 … 127.0.0.9 so that
 * more connections than one address's ephemeral ports can be opened, at most
 * {@value #HANDSHAKES_IN_FLIGHT} handshakes in flight.
 */
public final class LoadClient implements AutoCloseable {

    /** Source addresses used round-robin. */
    public static final int SOURCE_ADDRESSES = 8;

    private static final int HANDSHAKES_IN_FLIGHT = 128;

    private static final int SPARE_FILE_DESCRIPTORS = 200;

    private final EventLoopGroup group;

    private final EventLoop loop;

    private final Bootstrap bootstrap;

    private final List<ClientConnection> all = new ArrayList<>();

    /** Starts the event loop (epoll when available, else NIO). */
    public LoadClient() {
        IoHandlerFactory factory = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends SocketChannel> channelType = Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class;
        this.group = new MultiThreadIoEventLoopGroup(1, factory);
        this.loop = this.group.next();
        this.bootstrap = new Bootstrap().group(this.loop)
            .channel(channelType)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_REUSEADDR, true)
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                }
            });
    }

    /**
     * Runs a task on the generator's event loop and waits for it.
     * @param task the task
     * @param <T> its result
     * @return the result
     */
    public <T> T call(Callable<T> task) {
        try {
            return this.loop.submit(task).get(60, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the generator", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("Generator task failed", ex);
        }
    }

    /**
     * Runs a task on the generator's event loop and waits for it.
     * @param task the task
     */
    public void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    /**
     * The generator's event loop, for scheduling.
     * @return the loop
     */
    public EventLoop loop() {
        return this.loop;
    }

    /**
     * Opens and upgrades connections.
     * @param port the server port on 127.0.0.1
     * @param path the WebSocket path
     * @param count how many to open
     * @param progress told the number opened so far, every 1,000
     * @return the connections, upgraded and idle
     * @throws IllegalStateException if the file descriptors would run out or a connection fails
     */
    public List<ClientConnection> connect(int port, String path, int count, IntConsumer progress) {
        checkFileDescriptors(count);
        InetSocketAddress remote = new InetSocketAddress("127.0.0.1", port);
        String host = "127.0.0.1:" + port;
        Semaphore handshakes = new Semaphore(HANDSHAKES_IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<ClientConnection> opened = new ArrayList<>(count);
        List<CompletableFuture<ClientConnection>> pending = new ArrayList<>(count);
        for (int i = 0; i < count && failure.get() == null; i++) {
            acquire(handshakes);
            ClientConnection connection = new ClientConnection(this.all.size() + i, host, path);
            opened.add(connection);
            pending.add(connection.upgraded().whenComplete((done, ex) -> {
                handshakes.release();
                if (ex != null) {
                    failure.compareAndSet(null, ex);
                }
            }));
            InetSocketAddress local = new InetSocketAddress("127.0.0." + (2 + (i % SOURCE_ADDRESSES)), 0);
            this.bootstrap.clone().handler(connection).connect(remote, local).addListener(future -> {
                if (!future.isSuccess()) {
                    connection.upgraded().completeExceptionally(future.cause());
                }
            });
            if ((i + 1) % 1000 == 0) {
                progress.accept(i + 1);
            }
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while connecting", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            opened.forEach(ClientConnection::close);
            throw new IllegalStateException("Could not open " + count + " connections to " + host + path + ": "
                    + (failure.get() != null ? failure.get() : ex), ex);
        }
        this.all.addAll(opened);
        return opened;
    }

    private static void acquire(Semaphore handshakes) {
        try {
            if (!handshakes.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("No handshake completed within 60 s");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while connecting", ex);
        }
    }

    private static void checkFileDescriptors(int more) {
        long limit = ProcessLimits.maxFileDescriptors();
        long open = ProcessLimits.openFileDescriptors();
        if (limit > 0 && open >= 0 && open + more + SPARE_FILE_DESCRIPTORS > limit) {
            throw new IllegalStateException("Opening " + more + " connections would exceed this process's limit of " + limit
                    + " file descriptors (" + open + " open); run the generator in more processes or use fewer connections");
        }
    }

    /** Closes every connection opened and stops the event loop. */
    @Override
    public void close() {
        this.all.forEach(ClientConnection::close);
        this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** File descriptor limits of this process, from the OS. */
    static final class ProcessLimits {

        private ProcessLimits() {
        }

        static long maxFileDescriptors() {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
                return unix.getMaxFileDescriptorCount();
            }
            return -1;
        }

        static long openFileDescriptors() {
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                return fds.count();
            }
            catch (IOException | UncheckedIOException ex) {
                return -1;
            }
        }
    }
}
