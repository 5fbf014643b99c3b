import { createServer } from 'node:net'

/**
 * The port a server started with PORT=0 (the system picks it while the server binds: no window in
 * which another process can take it) tells in its output: the reference host's banner
 * « Back-office : http://127.0.0.1:41234/admin » or its JSON log `"url":"http://…:41234/admin"`.
 */
export function announcedPort(output: string): number | undefined {
  const found = /Back-office : https?:\/\/[^\s/]*:(\d+)\/|"url":"https?:\/\/[^"/]*:(\d+)\//.exec(output)
  return found ? Number(found[1] ?? found[2]) : undefined
}

/**
 * A port the system picks (bind to port 0, read it, release it), only for a server that must be told
 * its port before it starts (a stand-in names its URL): between the release and the server's own bind
 * another process can take it. Prefer PORT=0 and announcedPort(). Never a guess in a fixed range: a guess can be taken, or be a port Chromium
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
