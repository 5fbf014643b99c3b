/**
 * What a page's scripts cost the browser, as DevTools counts it (Chromium's protocol): bytes on the
 * wire (headers included; nothing for a script the HTTP cache served) and decoded, for every
 * response of type Script since the last reset().
 */
import type { CDPSession } from 'playwright-core'

export interface ScriptTraffic {
  /** Scripts' bytes received over the network. */
  jsWire: number
  /** Scripts' bytes after decompression (what the browser parses), cache hits included. */
  jsDecoded: number
  jsRequests: number
  /** Scripts that were not served from the browser's cache (fetched or revalidated). */
  jsFromNetwork: number
  /** Every response's bytes on the wire (the page, its API calls, styles, fonts…). */
  allWire: number
}

export async function networkMeter(cdp: CDPSession) {
  await cdp.send('Network.enable')
  const requests = new Map<string, { script: boolean; wire: number; decoded: number }>()
  const fromCache = new Set<string>()
  cdp.on('Network.requestServedFromCache', (event) => fromCache.add(event.requestId))
  cdp.on('Network.responseReceived', (event) => {
    if (event.response.fromDiskCache || event.response.fromPrefetchCache) fromCache.add(event.requestId)
    requests.set(event.requestId, { script: event.type === 'Script', wire: 0, decoded: 0 })
  })
  cdp.on('Network.dataReceived', (event) => {
    const entry = requests.get(event.requestId)
    if (entry) entry.decoded += event.dataLength
  })
  cdp.on('Network.loadingFinished', (event) => {
    const entry = requests.get(event.requestId)
    if (entry) entry.wire = event.encodedDataLength
  })
  return {
    reset() {
      requests.clear()
      fromCache.clear()
    },
    read(): ScriptTraffic {
      const all = [...requests.entries()]
      const scripts = all.filter(([, r]) => r.script)
      return {
        jsWire: scripts.reduce((sum, [, r]) => sum + r.wire, 0),
        jsDecoded: scripts.reduce((sum, [, r]) => sum + r.decoded, 0),
        jsRequests: scripts.length,
        jsFromNetwork: scripts.filter(([id]) => !fromCache.has(id)).length,
        allWire: all.reduce((sum, [, r]) => sum + r.wire, 0),
      }
    },
  }
}
