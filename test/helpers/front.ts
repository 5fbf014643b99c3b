/**
 * A front for a server that must be told its public URL before it starts (the OAuth redirect URI and
 * the webhook address Qonto is given), as a reverse proxy's address is in production: the front
 * listens first on a port the system gives it, and the server, started on port 0 with the front's URL,
 * is reached through it once it says its own port. Plain TCP forwarding: the Host header, cookies and
 * streamed responses pass untouched.
 */
import { connect, createServer, type Socket } from 'node:net'

export interface Front {
  /** http://127.0.0.1:PORT — the public URL to give the server. */
  url: string
  /** Forwards every connection to the server's own port from now on. */
  forwardTo(port: number): void
  close(): Promise<void>
}

export async function startFront(): Promise<Front> {
  let target: number | undefined
  const sockets = new Set<Socket>()
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  }
  const server = createServer((client) => {
    track(client)
    // Nothing is behind it yet: the connection is refused as a stopped server would.
    if (target === undefined) return void client.destroy()
    const upstream = connect(target, '127.0.0.1')
    track(upstream)
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
    client.pipe(upstream).pipe(client)
  })
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    forwardTo(serverPort) {
      target = serverPort
    },
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
