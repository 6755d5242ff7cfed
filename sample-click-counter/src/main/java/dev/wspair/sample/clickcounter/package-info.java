/**
 * A port of Cloudflare's websocket-template: one page, one WebSocket route and a click counter
 * shared by every connection.
 */
@NullMarked
package dev.wspair.sample.clickcounter;

import org.jspecify.annotations.NullMarked;
