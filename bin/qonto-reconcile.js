#!/usr/bin/env node
// The CLI from the built package (dist/). Inside this repository, `npm run cli -- …` runs the TypeScript sources instead.
const { main, rerunCapped } = await import('qonto-reconcile/cli')
const argv = process.argv.slice(2)
// `sync` runs in a child Node with its own heap cap (src/cli/heap-cap.ts); every other command here.
process.exitCode = (await rerunCapped(argv)) ?? (await main(argv))
