package dev.wspair.webflux;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket, for the protocol's edge cases: it writes the handshake
 * and frames byte by byte, can stop reading, and can drop the TCP connection without a Close frame.
 * Shared with the other modules' tests through wspair-core's test-jar.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int TEXT = 0x1;

    public static final int BINARY = 0x2;

    public static final int CONTINUATION = 0x0;

    public static final int CLOSE = 0x8;

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
        RawWebSocket ws = connect(port, handshake(path, Base64.getEncoder().encodeToString(new byte[16])));
        Response response = ws.readResponse();
        if (response.status() != 101) {
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

    public void sendFrame(int opcode, boolean fin, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        int length = payload.length;
        if (length < 126) {
            frame.write(0x80 | length);
        }
        else if (length < 65536) {
            frame.write(0x80 | 126);
            frame.write(length >>> 8);
            frame.write(length & 0xFF);
        }
        else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) length >>> shift) & 0xFF);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask, 0, 4);
        for (int i = 0; i < length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        this.out.write(frame.toByteArray());
        this.out.flush();
    }

    public void sendClose(int code, String reason) throws IOException {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
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

    /** Reads frames until a Close frame arrives and returns it. */
    public Frame readUntilClose() throws IOException {
        Frame frame;
        do {
            frame = readFrame();
        }
        while (frame.opcode() != CLOSE);
        return frame;
    }

    /** Whether the server closed the TCP connection (end of stream) within the socket timeout. */
    public boolean awaitEndOfStream() throws IOException {
        try {
            byte[] skipped = new byte[8192];
            while (this.in.read(skipped) != -1) {
                Thread.onSpinWait();
            }
            return true;
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
