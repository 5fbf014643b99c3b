import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'

/**
 * The port a reference-host server started with PORT=0 took, as it says it (the development banner's
 * "Back-office : http://localhost:PORT/admin", or the url of its "back-office ready" log line).
 * A server that listens on port 0 owns its port from the start; a port chosen before the server
 * binds it can be taken by another process meanwhile, or be one Chromium refuses (4045: ERR_UNSAFE_PORT).
 */
export function announcedPort(output: string): number {
  const match = /https?:\/\/[^\s/"]+:(\d+)\/admin/.exec(output)
  if (!match) throw new Error(`the server did not say its port:\n${output}`)
  return Number(match[1])
}

export interface ListeningServer {
  child: ChildProcess
  port: number
  /** Everything it wrote so far (stdout and stderr). */
  output(): string
}

/**
 * Spawns a server that listens on a port the system gives it (port 0) and writes `listening PORT`
 * once it does (the generated hosts' server.mjs); resolves with that port.
 */
export function spawnListening(command: string, args: string[], options: SpawnOptions & { timeoutMs?: number }): Promise<ListeningServer> {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), options.timeoutMs ?? 300_000)
    const listen = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening (\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve({ child, port: Number(match[1]), output: () => output })
      }
    }
    child.stdout!.on('data', listen)
    child.stderr!.on('data', listen)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the server exited (${code}):\n${output}`))
    })
  })
}
