/**
 * The port a reference-host server started with PORT=0 took, as it says it (the development banner's
 * "Back-office : http://localhost:PORT/admin", or the url of its "back-office ready" log line).
 * A server that listens on port 0 owns its port from the start; a port chosen before the server
 * binds it (freePort) can be taken by another process meanwhile.
 */
export function announcedPort(output: string): number {
  const match = /https?:\/\/[^\s/"]+:(\d+)\/admin/.exec(output)
  if (!match) throw new Error(`the server did not say its port:\n${output}`)
  return Number(match[1])
}
