/**
 * A minimal SMTP server for tests (EHLO, MAIL, RCPT, DATA, QUIT, no TLS, no auth) that records every
 * message it accepts with its Message-ID, and can answer slowly after DATA, like a loaded server.
 */
import { createServer, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'

export interface SmtpSink {
  url: string
  /** Messages received (whether or not the sender lived to read the answer). */
  messages: Array<{ messageId: string | null; subject: string | null; to: string[] }>
  close(): Promise<void>
}

export async function startSmtpSink(options: { replyDelayMs?: number } = {}): Promise<SmtpSink> {
  const messages: SmtpSink['messages'] = []
  const server: Server = createServer((socket) => {
    let buffer = ''
    let inData = false
    let to: string[] = []
    socket.on('error', () => undefined)
    socket.write('220 sink ESMTP\r\n')
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8')
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n')
          if (end < 0) return
          const data = buffer.slice(0, end)
          buffer = buffer.slice(end + 5)
          inData = false
          const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(data)?.[1]?.trim() ?? null
          messages.push({ messageId: header('Message-ID'), subject: header('Subject'), to })
          to = []
          setTimeout(() => socket.writable && socket.write('250 OK queued\r\n'), options.replyDelayMs ?? 0)
          continue
        }
        const eol = buffer.indexOf('\r\n')
        if (eol < 0) return
        const line = buffer.slice(0, eol)
        buffer = buffer.slice(eol + 2)
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 sink\r\n')
        else if (verb === 'MAIL') socket.write('250 OK\r\n')
        else if (verb === 'RCPT') {
          to.push(line.replace(/^RCPT TO:\s*/i, ''))
          socket.write('250 OK\r\n')
        } else if (verb === 'DATA') {
          inData = true
          socket.write('354 go ahead\r\n')
        } else if (verb === 'QUIT') socket.end('221 bye\r\n')
        else if (verb === 'RSET' || verb === 'NOOP') socket.write('250 OK\r\n')
        else socket.write('502 not implemented\r\n')
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
