/** Samples the process's RSS and heap every 20 ms until stopped: the peaks, in bytes. */
export function sampleMemory(): () => { rss: number; heap: number } {
  const peak = { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed }
  const take = () => {
    const usage = process.memoryUsage()
    peak.rss = Math.max(peak.rss, usage.rss)
    peak.heap = Math.max(peak.heap, usage.heapUsed)
  }
  const timer = setInterval(take, 20)
  return () => {
    clearInterval(timer)
    take()
    return peak
  }
}
