import { startHost } from './host.js'
const host = await startHost()
for (const vp of [{ width: 1440, height: 1000 }, { width: 390, height: 844 }]) {
  const page = await host.newPage(vp)
  await host.login(page, 'maud@agence-glow.fr', 'demo-maud-2026')
  for (const r of ['TransactionQonto', 'QontoEmailOutbox', 'QontoAllocation']) {
    await page.goto(`${host.base}/admin/resources/${r}`)
    await page.waitForSelector(`[data-css="${r}-table-row"]`, { timeout: 60000 }).catch(() => null)
    await page.waitForTimeout(500)
    await page.screenshot({ path: `/tmp/ui/list-${r}-${vp.width}.png`, fullPage: false })
  }
  await page.close()
}
console.log(host.errors)
await host.close()
