/**
 * Builds the migrated database templates once per run (test/helpers/database-templates.ts). dist/ is not
 * built here: the few tests that run the published JS build it themselves (test/helpers/built-package.ts).
 */
import { randomUUID } from 'node:crypto'
import type { TestProject } from 'vitest/node'
import { ensurePgliteTemplate, ensurePostgresTemplate } from './helpers/database-templates.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** One id per `vitest run`: the built package is stamped with it (test/helpers/built-package.ts). */
    testRunId: string
  }
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide('testRunId', randomUUID())
  await ensurePgliteTemplate()
  const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL
  if (adminUrl) await ensurePostgresTemplate(adminUrl)
}
