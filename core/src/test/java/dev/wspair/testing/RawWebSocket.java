package dev.wspair.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket, for the protocol's edge cases: it writes the handshake
 * and frames byte by byte, can stop reading, and can drop the TCP connection without a Close frame.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int TEXT = 0x1;

    public static final int BINARY = 0x2;

    public static final int CONTINUATION = 0x0;

    public static final int CLOSE = 0x8;

    public static final int PING = 0x9;

    public static final int PONG = 0xA;

    /** A frame as read from the wire. */
    public record Frame(int opcode, boolean fin, byte[] payload) {

        public String text() {
            return new String(this.payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            return (this.payload.length >= 2) ? ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF) : 1005;
        }

        public String closeReason() {
            return (this.payload.length > 2) ? new String(this.payload, 2, this.payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    private final Socket socket;

    private final DataInputStream in;

    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(10_000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and writes a handshake; {@link #readResponse()} reads the answer. */
    public static RawWebSocket connect(int port, String requestHead) throws IOException {
        RawWebSocket ws = new RawWebSocket(new Socket("127.0.0.1", port));
        ws.out.write(requestHead.getBytes(StandardCharsets.US_ASCII));
        ws.out.flush();
        return ws;
    }

    /** Connects with a valid handshake and checks for {@code 101}. */
    public static RawWebSocket open(int port, String path) throws IOException {
        return open(new Socket("127.0.0.1", port), path);
    }

    /**
     * Like {@link #open(int, String)} with a small TCP receive buffer, so that a client that stops
     * reading pushes back on the server after a few kilobytes instead of the megabytes loopback
     * buffers hold by default.
     */
    public static RawWebSocket open(int port, String path, int receiveBufferSize) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBufferSize);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        return open(socket, path);
    }

    /** Connects from a given local address (any of 127.0.0.0/8) with a valid handshake. */
    public static RawWebSocket openFrom(String localAddress, int port, String path) throws IOException {
        return open(new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0), path);
    }

    private static RawWebSocket open(Socket socket, String path) throws IOException {
        RawWebSocket ws = new RawWebSocket(socket);
        ws.out.write(handshake(path, Base64.getEncoder().encodeToString(new byte[16])).getBytes(StandardCharsets.US_ASCII));
        ws.out.flush();
        Response response = ws.readResponse();
        if (response.status() != 101) {
            ws.close();
            throw new IOException("Expected 101 but got " + response.status() + ": " + response.body());
        }
        return ws;
    }

    public static String handshake(String path, String key) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    /** An HTTP response head and, when it has a Content-Length, its body. */
    public record Response(int status, Map<String, String> headers, String body) {
    }

    public Response readResponse() throws IOException {
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        String body = "";
        if (headers.containsKey("content-length")) {
            byte[] bytes = new byte[Integer.parseInt(headers.get("content-length"))];
            this.in.readFully(bytes);
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        return new Response(status, headers, body);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = this.in.read()) != '\n') {
            if (b == -1) {
                throw new EOFException("Connection closed in the middle of the HTTP response");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    public void sendText(String text) throws IOException {
        sendFrame(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    public void sendBinary(byte[] bytes) throws IOException {
        sendFrame(BINARY, true, bytes);
    }

    public void sendFrame(int opcode, boolean fin, byte[] payload) throws IOException {
        sendRaw((fin ? 0x80 : 0) | opcode, true, payload);
    }

    /**
     * Writes a frame whose first byte (FIN, RSV1-3, opcode) is given as is.
     * @param firstByte the first header byte
     * @param masked whether to mask the payload, as a client must
     * @param payload the payload
     */
    public void sendRaw(int firstByte, boolean masked, byte[] payload) throws IOException {
        writeRaw(encode(firstByte, masked, payload));
    }

    /**
     * Encodes a frame as {@link #sendRaw} writes it, so that several can leave in one write.
     * @param firstByte the first header byte
     * @param masked whether to mask the payload, as a client must
     * @param payload the payload
     * @return the frame's bytes
     */
    public static byte[] encode(int firstByte, boolean masked, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        int length = payload.length;
        if (length < 126) {
            frame.write(maskBit | length);
        }
        else if (length < 65536) {
            frame.write(maskBit | 126);
            frame.write(length >>> 8);
            frame.write(length & 0xFF);
        }
        else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) length >>> shift) & 0xFF);
            }
        }
        if (masked) {
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            frame.write(mask, 0, 4);
            for (int i = 0; i < length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
        }
        else {
            frame.write(payload, 0, length);
        }
        return frame.toByteArray();
    }

    public void sendClose(int code, String reason) throws IOException {
        sendClose(code, reason.getBytes(StandardCharsets.UTF_8));
    }

    public void sendClose(int code, byte[] text) throws IOException {
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        sendFrame(CLOSE, true, payload);
    }

    public Frame readFrame() throws IOException {
        int first = this.in.readUnsignedByte();
        int second = this.in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = this.in.readUnsignedShort();
        }
        else if (length == 127) {
            length = this.in.readLong();
        }
        byte[] payload = new byte[(int) length];
        this.in.readFully(payload);
        return new Frame(first & 0x0F, (first & 0x80) != 0, payload);
    }

    /** Writes bytes as they are, frame or not. */
    public void writeRaw(byte[] bytes) throws IOException {
        this.out.write(bytes);
        this.out.flush();
    }

    /**
     * Writes {@linkplain #encode encoded} frames in one write, so that the server reads them as
     * one burst and a frame it rejects cannot close the connection before the next ones are sent.
     * @param frames the frames' bytes, in order
     */
    public void writeTogether(byte[]... frames) throws IOException {
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            burst.writeBytes(frame);
        }
        writeRaw(burst.toByteArray());
    }

    /** Reads a frame, or returns {@code null} when the server ended the connection first. */
    public Frame readFrameOrNull() throws IOException {
        try {
            return readFrame();
        }
        catch (EOFException | SocketException ex) {
            return null;
        }
    }

    /** Reads frames until a Close frame arrives and returns it. */
    public Frame readUntilClose() throws IOException {
        Frame frame;
        do {
            frame = readFrame();
        }
        while (frame.opcode() != CLOSE);
        return frame;
    }

    /** Reads frames until the server closes the TCP connection (end of stream or reset) and returns them. */
    public List<Frame> readUntilEnd() throws IOException {
        List<Frame> frames = new ArrayList<>();
        try {
            while (true) {
                frames.add(readFrame());
            }
        }
        catch (EOFException | SocketException ex) {
            return frames;
        }
    }

    /** Whether the server closed the TCP connection (end of stream) within the socket timeout. */
    public boolean awaitEndOfStream() throws IOException {
        try {
            byte[] skipped = new byte[8192];
            long total = 0;
            for (int read = this.in.read(skipped); read != -1; read = this.in.read(skipped)) {
                total += read;
            }
            return total >= 0;
        }
        catch (SocketException ex) {
            return true;
        }
    }

    /** Drops the TCP connection without a Close frame. */
    @Override
    public void close() throws IOException {
        this.socket.close();
    }
}
