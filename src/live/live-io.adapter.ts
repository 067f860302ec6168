import type { IncomingMessage } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';

/** Largest message a client may send over the live socket (a resync is a few bytes). */
const MAX_MESSAGE_BYTES = 16_384;

/**
 * socket.io on the application's HTTP server, websocket transport only, with each handshake
 * request put to `refusal` first (the gateway's origin allow-list and shutdown check).
 */
export class LiveIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly refusal: (request: IncomingMessage) => string | undefined,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    const server = super.createIOServer(port, {
      ...options,
      path: options?.path ?? '/socket.io',
      transports: ['websocket'],
      serveClient: false,
      maxHttpBufferSize: MAX_MESSAGE_BYTES,
      allowRequest: (request, callback) => {
        const refused = this.refusal(request);
        callback(refused ?? null, refused === undefined);
      },
    } as ServerOptions);
    // Only the gateway's namespace (/live) serves anyone: the default one refuses every socket.
    server.of('/').use((_socket, next) => next(new Error('NAMESPACE_NOT_FOUND')));
    return server;
  }
}
