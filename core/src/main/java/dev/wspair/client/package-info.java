/**
 * Outbound WebSockets the Workers way, on a Reactor Netty {@code HttpClient}:
 * {@link dev.wspair.client.WebSocketClient#fetch(String, org.springframework.http.HttpHeaders) fetch}
 * an upgrade and {@code accept()} the socket of the {@code 101} response or return it in a response to
 * proxy a client through, or {@link dev.wspair.client.WebSocketClient#connect(String) connect} the
 * browser way ({@code new WebSocket(url, protocols)}).
 */
@NullMarked
package dev.wspair.client;

import org.jspecify.annotations.NullMarked;
