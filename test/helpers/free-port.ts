import { createServer } from 'node:net'

/**
 * A port the system picks (bind to port 0, read it, release it), for a server that must be told its
 * port before it starts. Never a guess in a fixed range: a guess can be taken, or be a port Chromium
 * refuses to open (4045, 6000, …: ERR_UNSAFE_PORT); the system's ephemeral range holds none of those.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}
