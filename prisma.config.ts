// Lets `prisma generate` and `prisma migrate diff` run offline for the reference host in examples/:
// with the JS engine and a driver adapter the CLI never downloads Prisma's Rust engines.
import { defineConfig } from 'prisma/config'
import { PrismaPg } from '@prisma/adapter-pg'

process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres'

export default defineConfig({
  schema: 'examples/prisma/schema',
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
})
