/**
 * The Workers-style WebSocket API: {@link dev.wspair.WebSocketPair}, {@link dev.wspair.WebSocket}
 * and the events its listeners receive, with the semantics of Cloudflare Workers.
 */
@NullMarked
package dev.wspair;

import org.jspecify.annotations.NullMarked;
