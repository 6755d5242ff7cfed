/**
 * A port of Cloudflare's edge chat demo (workers-chat-demo): chat rooms as Durable Objects with
 * hibernatable WebSockets, a per-IP rate limiter shared by every room, and the chat page.
 */
@NullMarked
package dev.wspair.sample.chat;

import org.jspecify.annotations.NullMarked;
