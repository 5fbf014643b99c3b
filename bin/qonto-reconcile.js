#!/usr/bin/env node
// The CLI from the built package (dist/). Inside this repository, `npm run cli -- …` runs the TypeScript sources instead.
const { main } = await import('qonto-reconcile/cli')
process.exitCode = await main(process.argv.slice(2))
